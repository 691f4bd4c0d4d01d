package org.parley.rooms;

/**
 * Set the caller's notifications for a room: {@code level} is "all", "mentions" or "nothing";
 * {@code mutedUntil} (epoch ms, in the future) mutes the room until then, and leaving it out
 * unmutes it.
 */
public record SetNotifications(long roomId, String level, Long mutedUntil) {}
