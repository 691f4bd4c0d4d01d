package org.parley.gateway.engineio;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: 15 random bytes from a secure source, URL-safe base64 (20 chars). */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {}

    public static String next() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
