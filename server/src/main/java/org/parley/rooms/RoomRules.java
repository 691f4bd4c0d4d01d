package org.parley.rooms;

import org.parley.errors.Validation;
import org.parley.text.VisibleText;

/** Limits on room fields. */
final class RoomRules {
    static final int NAME_MAX = 80;
    static final int DESCRIPTION_MAX = 500;
    static final int MEMBERS_MAX = 1000;

    private RoomRules() {}

    /** NFKC-normalised and trimmed; not empty, at most {@link #NAME_MAX}, and visible ({@link VisibleText}). */
    static String name(String raw) {
        String name = VisibleText.normalizeName(raw);
        Validation v = new Validation()
                .check(!name.isEmpty(), "name", "Room name must not be empty.")
                .check(name.codePointCount(0, name.length()) <= NAME_MAX, "name",
                        "Room name must be at most " + NAME_MAX + " characters.");
        if (!name.isEmpty()) VisibleText.nameProblem(name).ifPresent(p -> v.check(false, "name", "Room name " + p + "."));
        v.throwIfInvalid();
        return name;
    }

    /** Trimmed, line breaks as {@code \n}; at most {@link #DESCRIPTION_MAX}; no control characters but newline and tab. */
    static String description(String raw) {
        String d = raw == null ? "" : raw.replace("\r\n", "\n").strip();
        new Validation()
                .check(d.codePointCount(0, d.length()) <= DESCRIPTION_MAX, "description",
                        "Description must be at most " + DESCRIPTION_MAX + " characters.")
                .check(!VisibleText.hasControlsOtherThanNewlineAndTab(d), "description",
                        "Description must not contain control characters other than line breaks and tabs.")
                .throwIfInvalid();
        return d;
    }
}
