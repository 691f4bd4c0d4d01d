package org.parley.rooms;

import org.parley.users.PublicUser;

/**
 * A room in someone's room list: the room, their role and read position, how many messages they
 * have not read and how many of those mention them (or the room), the newest message, for a
 * direct room the other person, and their notification settings for the room.
 */
public record RoomSummary(long id, String kind, String name, String description, long createdAt, long lastSeq,
                          long lastRev, Long lastMessageAt, Role role, long lastReadSeq, long unreadCount,
                          int memberCount, RoomMessage lastMessage, PublicUser peer, long mentionCount,
                          NotificationSettings notifications) {}
