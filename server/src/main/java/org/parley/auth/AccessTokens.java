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
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies access JWTs: HS256 only, with {@code iss}, {@code aud}, {@code exp},
 * {@code iat} and {@code jti} required. Any other algorithm, including {@code none}, is refused.
 */
public final class AccessTokens implements AccessTokenVerifier {
    static final String ISSUER = "parley";
    static final String AUDIENCE = "parley-api";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final MACSigner signer;
    private final JWSVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

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
        return jwt.serialize();
    }

    @Override
    public Optional<Principal> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) return Optional.empty();
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
            return Optional.of(new Principal(Long.parseLong(c.getSubject()), name, sid));
        } catch (ParseException | JOSEException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
