package org.parley.presence;

/** What others see of a user: their status and, when offline, when they were last seen. */
public record PresenceStatus(long userId, String status, Long lastSeenAt) {
    public static final String ONLINE = "online";
    public static final String AWAY = "away";
    public static final String OFFLINE = "offline";
}
