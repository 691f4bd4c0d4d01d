package org.parley.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies access JWTs: HS256 only, with {@code iss}, {@code aud}, {@code exp},
 * {@code iat} and {@code jti} required. Any other algorithm, including {@code none}, is refused.
 * A token that verified is remembered (by its exact text) until it expires, so that a client which
 * presents the same token again (every socket connect, every request) is not parsed and
 * HMAC-checked again; a token issued here is remembered as it is issued, so the connect that
 * follows a sign-in or refresh on this node skips that work too. At most {@value #MAX_REMEMBERED}
 * are remembered. Only what the token itself
 * proves is remembered: whether its session is still live is asked on every use
 * ({@link SessionCheckedTokens}).
 */
public final class AccessTokens implements AccessTokenVerifier {
    static final String ISSUER = "parley";
    static final String AUDIENCE = "parley-api";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final int MAX_REMEMBERED = 10_000;

    private record Verified(Principal principal, long expiresAtMillis) {}

    private final MACSigner signer;
    private final JWSVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public AccessTokens(byte[] secret, Duration ttl, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT secret must be at least 256 bits", e);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(long userId, String username, String sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(Long.toString(userId))
                .claim("name", username)
                .claim("sid", sessionId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        String token = jwt.serialize();
        // it passes every check of verify by construction: remembered until the expiry it carries
        // (in whole seconds, as written into the token)
        if (username != null && sessionId != null) {
            long expiresAt = claims.getExpirationTime().getTime() / 1000 * 1000;
            remember(token, new Verified(new Principal(userId, username, sessionId), expiresAt), now.toEpochMilli());
        }
        return token;
    }

    @Override
    public Optional<Principal> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) return Optional.empty();
        Verified known = verified.get(token);
        long now = clock.millis();
        if (known != null) {
            if (known.expiresAtMillis() > now) return Optional.of(known.principal());
            verified.remove(token, known);
            return Optional.empty();
        }
        Optional<Verified> checked = check(token);
        checked.ifPresent(v -> remember(token, v, now));
        return checked.map(Verified::principal);
    }

    private void remember(String token, Verified checked, long now) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.values().removeIf(v -> v.expiresAtMillis() <= now);
            if (verified.size() >= MAX_REMEMBERED) verified.clear();
        }
        verified.put(token, checked);
    }

    private Optional<Verified> check(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) return Optional.empty();
            if (!jwt.verify(verifier)) return Optional.empty();
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!ISSUER.equals(c.getIssuer())) return Optional.empty();
            if (!List.of(AUDIENCE).equals(c.getAudience())) return Optional.empty();
            if (c.getJWTID() == null || c.getIssueTime() == null || c.getExpirationTime() == null) return Optional.empty();
            if (!c.getExpirationTime().toInstant().isAfter(now)) return Optional.empty();
            if (c.getIssueTime().toInstant().isAfter(now.plus(CLOCK_SKEW))) return Optional.empty();
            String name = c.getStringClaim("name");
            String sid = c.getStringClaim("sid");
            if (name == null || sid == null || c.getSubject() == null) return Optional.empty();
            return Optional.of(new Verified(new Principal(Long.parseLong(c.getSubject()), name, sid),
                    c.getExpirationTime().getTime()));
        } catch (ParseException | JOSEException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
