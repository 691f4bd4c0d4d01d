package org.parley.rooms;

/** A user's membership of a room, as the member list shows it. */
public record Member(long userId, String username, String displayName, Role role, long joinedAt, long lastReadSeq) {}
