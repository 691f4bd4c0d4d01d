package org.parley.files;

import java.security.SecureRandom;
import java.util.Base64;

/** File ids: 128 random bits as 22 characters of base64url, unguessable, also the blob key of the bytes. */
final class FileIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private FileIds() {}

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} can be a file id at all; anything else is simply not found. */
    static boolean wellFormed(String id) {
        return id != null && id.length() == 22 && id.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    static String thumbnailKey(String id, String format) {
        return id + ".thumb." + format;
    }
}
