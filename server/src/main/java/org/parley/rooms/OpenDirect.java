package org.parley.rooms;

/** Open (or create on first use) the caller's direct room with {@code userId}. */
public record OpenDirect(long userId) {}
