package org.parley.calls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers a client's calls use: the STUN URLs, and the TURN URLs with short-lived
 * credentials in the TURN REST scheme that coturn checks with {@code use-auth-secret}: the username
 * is {@code <expiry, epoch seconds>:<userId>} and the credential is
 * {@code base64(HMAC-SHA1(secret, username))}, so the TURN server needs only the shared secret.
 * Without TURN URLs there is no TURN entry (and no secret is needed).
 */
public final class IceServers {
    private final List<String> stunUrls;
    private final List<String> turnUrls;
    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    public IceServers(List<String> stunUrls, List<String> turnUrls, String secret, Duration ttl, Clock clock) {
        this.stunUrls = List.copyOf(stunUrls);
        this.turnUrls = List.copyOf(turnUrls);
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** {@code {iceServers: [{urls}, {urls, username, credential}], ttl}} for {@code userId}, valid for the ttl. */
    public Map<String, Object> forUser(long userId) {
        List<Map<String, Object>> servers = new ArrayList<>();
        if (!stunUrls.isEmpty()) servers.add(Map.of("urls", stunUrls));
        if (!turnUrls.isEmpty()) {
            String username = (clock.instant().getEpochSecond() + ttl.toSeconds()) + ":" + userId;
            Map<String, Object> turn = new LinkedHashMap<>();
            turn.put("urls", turnUrls);
            turn.put("username", username);
            turn.put("credential", credential(username));
            servers.add(turn);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("iceServers", servers);
        out.put("ttl", ttl.toSeconds());
        return out;
    }

    private String credential(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is unavailable", e);
        }
    }
}
