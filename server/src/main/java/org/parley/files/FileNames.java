package org.parley.files;

import org.parley.errors.ParleyException;

/**
 * The rules for a file's name: what a user may call a file so that it is safe to show and to
 * offer for download. Refused: empty or blank, longer than 255 characters, path separators,
 * {@code ..}, NUL and other control characters, and the bidirectional override and isolate
 * characters that can make {@code evil.exe} look like {@code exe.txt}.
 */
final class FileNames {
    static final int MAX_CHARS = 255;

    private FileNames() {}

    static String validate(String name) {
        if (name == null || name.isBlank()) throw refuse("A file needs a name.");
        if (name.length() > MAX_CHARS) throw refuse("A file name can have at most " + MAX_CHARS + " characters.");
        if (name.contains("/") || name.contains("\\")) throw refuse("A file name cannot contain / or \\.");
        if (name.contains("..") || name.equals(".")) throw refuse("A file name cannot contain '..' or be '.'.");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) throw refuse("A file name cannot contain control characters.");
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                throw refuse("A file name cannot contain text-direction override characters.");
            }
        }
        return name;
    }

    private static ParleyException refuse(String message) {
        return ParleyException.invalid("filename", message);
    }
}
