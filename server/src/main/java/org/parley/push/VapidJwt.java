package org.parley.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;

/** The VAPID header (RFC 8292): a short-lived ES256 JWT for the push service's origin, and the server's public key. */
final class VapidJwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final long LIFETIME_SECONDS = 12 * 3600;

    private VapidJwt() {}

    static String authorization(VapidKeys keys, URI endpoint, String subject, Clock clock) throws GeneralSecurityException {
        String header = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"aud\":\"" + origin(endpoint) + "\",\"exp\":" + (clock.millis() / 1000 + LIFETIME_SECONDS)
                + ",\"sub\":\"" + subject + "\"}";
        String input = header + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initSign(keys.privateKey());
        ecdsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return "vapid t=" + input + "." + B64.encodeToString(ecdsa.sign()) + ", k=" + keys.publicKeyBase64Url();
    }

    static String origin(URI endpoint) {
        int port = endpoint.getPort();
        return endpoint.getScheme() + "://" + endpoint.getHost() + (port == -1 ? "" : ":" + port);
    }
}
