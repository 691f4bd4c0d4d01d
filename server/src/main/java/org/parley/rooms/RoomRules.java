package org.parley.rooms;

import org.parley.errors.Validation;

/** Limits on room fields. */
final class RoomRules {
    static final int NAME_MAX = 80;
    static final int DESCRIPTION_MAX = 500;
    static final int MEMBERS_MAX = 1000;

    private RoomRules() {}

    static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        new Validation()
                .check(!name.isEmpty(), "name", "Room name must not be empty.")
                .check(name.codePointCount(0, name.length()) <= NAME_MAX, "name",
                        "Room name must be at most " + NAME_MAX + " characters.")
                .check(name.chars().noneMatch(Character::isISOControl), "name", "Room name must not contain control characters.")
                .throwIfInvalid();
        return name;
    }

    static String description(String raw) {
        String d = raw == null ? "" : raw.strip();
        new Validation()
                .check(d.codePointCount(0, d.length()) <= DESCRIPTION_MAX, "description",
                        "Description must be at most " + DESCRIPTION_MAX + " characters.")
                .throwIfInvalid();
        return d;
    }
}
