package org.parley.files;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed links to a file's content or thumbnail, for tags that cannot send a Bearer header
 * ({@code <img>}, {@code <video>}): {@code ?u=<userId>&exp=<epoch s>&sig=<base64url HMAC-SHA256>}
 * over the path, user and expiry. The key is derived from the node's token secret with a label
 * of its own ({@code HMAC(secret, "parley file links")}), so every node that shares the token
 * secret verifies the same links, and a link signature can never be mistaken for a token. A
 * valid signature only says who asked and until when; whether that user may still read the file
 * is checked on every request.
 */
public final class FileLinks {
    private static final String LABEL = "parley file links";

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;

    public FileLinks(byte[] tokenSecret, Duration ttl, Clock clock) {
        this.key = hmac(tokenSecret, LABEL.getBytes(StandardCharsets.UTF_8));
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A signed link: the url and when it stops working (epoch seconds). */
    public record Signed(String url, long expiresAt) {}

    Signed sign(String path, long userId) {
        long exp = clock.instant().plus(ttl).getEpochSecond();
        return new Signed(path + "?u=" + userId + "&exp=" + exp + "&sig=" + signature(path, userId, exp), exp);
    }

    /** Whether {@code sig} signs this path for this user until {@code exp}, and {@code exp} has not passed. */
    boolean verify(String path, long userId, long exp, String sig) {
        if (exp < clock.instant().getEpochSecond() || sig == null) return false;
        byte[] expected = signature(path, userId, exp).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String path, long userId, long exp) {
        byte[] mac = hmac(key, (path + "\n" + userId + "\n" + exp).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
