package org.parley.rooms;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What a member hears of a room: every message, only messages that mention them (or @room), or nothing. */
public enum NotificationLevel {
    ALL, MENTIONS, NOTHING;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NotificationLevel parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    /** The level a client names exactly ("all", "mentions", "nothing"); empty for anything else. */
    static Optional<NotificationLevel> fromJson(String s) {
        for (NotificationLevel l : values()) if (l.json().equals(s)) return Optional.of(l);
        return Optional.empty();
    }
}
