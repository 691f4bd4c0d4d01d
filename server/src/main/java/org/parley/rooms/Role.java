package org.parley.rooms;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A member's standing in a group room. Direct rooms have two plain members. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canManage() {
        return this != MEMBER;
    }

    public static Role parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
