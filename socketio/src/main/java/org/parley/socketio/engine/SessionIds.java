package org.parley.socketio.engine;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable identifiers: 15 random bytes from a secure source, URL-safe base64 (20 chars). The
 * source is the JDK's DRBG (seeded once from the operating system), not the default NativePRNG,
 * which reads {@code /dev/urandom} under a lock for every id.
 */
public final class SessionIds {

    private static final SecureRandom RANDOM = drbg();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {}

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    public static String next() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
