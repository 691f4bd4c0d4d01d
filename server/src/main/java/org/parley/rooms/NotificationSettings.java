package org.parley.rooms;

/**
 * A member's notifications for one room: the {@code level}, and {@code mutedUntil} (epoch ms), a
 * mute that lasts until then: while it lies ahead the room notifies nothing, whatever the level;
 * afterwards the level holds again. Null when not muted. Muting for good is the level
 * {@link NotificationLevel#NOTHING}.
 */
public record NotificationSettings(NotificationLevel level, Long mutedUntil) {
    static final NotificationSettings DEFAULT = new NotificationSettings(NotificationLevel.ALL, null);
}
