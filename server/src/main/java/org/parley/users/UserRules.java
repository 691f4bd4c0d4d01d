package org.parley.users;

import java.util.Locale;
import java.util.regex.Pattern;
import org.parley.errors.Validation;
import org.parley.text.VisibleText;

/** The rules an account's fields follow, shared by registration and profile edits. */
public final class UserRules {
    private UserRules() {}

    public static final int DISPLAY_NAME_MAX = 64;
    /** The colour schemes an account may choose; "system" follows the device. */
    public static final java.util.List<String> THEMES = java.util.List.of("system", "light", "dark");
    public static final String DEFAULT_THEME = "system";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public static String normalizeUsername(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    public static String normalizeEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public static void checkUsername(Validation v, String username) {
        v.check(USERNAME.matcher(username).matches(), "username",
                "Username must be 3-32 characters of a-z, 0-9, '_', '.' or '-'.");
    }

    public static void checkEmail(Validation v, String email) {
        v.check(email.length() <= 254 && EMAIL.matcher(email).matches(), "email", "Enter a valid email address.");
    }

    public static void checkTheme(Validation v, String theme) {
        v.check(THEMES.contains(theme), "theme", "Theme must be one of " + String.join(", ", THEMES) + ".");
    }

    /** NFKC-normalises and trims a display name; blank means "use the username". */
    public static String normalizeDisplayName(String displayName) {
        return VisibleText.normalizeName(displayName);
    }

    /** Length and {@link VisibleText} rules; an empty name (use the username) passes. */
    public static void checkDisplayName(Validation v, String displayName) {
        v.check(displayName.codePointCount(0, displayName.length()) <= DISPLAY_NAME_MAX, "displayName",
                "Display name must be at most " + DISPLAY_NAME_MAX + " characters.");
        if (displayName.isEmpty()) return;
        VisibleText.nameProblem(displayName).ifPresent(problem ->
                v.check(false, "displayName", "Display name " + problem + "."));
    }
}
