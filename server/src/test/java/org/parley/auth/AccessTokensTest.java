package org.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final AccessTokens tokens = new AccessTokens(SECRET, Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));

    private static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder().issuer("parley").audience("parley-api").subject("7").claim("name", "ada")
                .claim("sid", "s1").issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60)))
                .jwtID("j1");
    }

    private static String sign(JWSAlgorithm alg, byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    @Test
    void issuedTokensVerifyToTheirPrincipal() {
        String token = tokens.issue(42, "grace", "family-1");
        assertThat(tokens.verify(token)).contains(new Principal(42, "grace", "family-1"));
    }

    @Test
    void tokensExpireAfterTheirLifetime() {
        String token = tokens.issue(42, "grace", "f");
        var later = new AccessTokens(SECRET, Duration.ofMinutes(15),
                Clock.fixed(NOW.plus(Duration.ofMinutes(15)).plusSeconds(1), ZoneOffset.UTC));
        var justBefore = new AccessTokens(SECRET, Duration.ofMinutes(15),
                Clock.fixed(NOW.plus(Duration.ofMinutes(14)), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
        assertThat(justBefore.verify(token)).isPresent();
    }

    @Test
    void aTokenVerifiedBeforeStopsVerifyingWhenItExpires() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        var remembering = new AccessTokens(SECRET, Duration.ofMinutes(15), moving);
        String token = remembering.issue(42, "grace", "f");
        assertThat(remembering.verify(token)).contains(new Principal(42, "grace", "f"));
        now[0] = NOW.plus(Duration.ofMinutes(14));
        assertThat(remembering.verify(token)).as("again, within its lifetime").contains(new Principal(42, "grace", "f"));
        now[0] = NOW.plus(Duration.ofMinutes(15));
        assertThat(remembering.verify(token)).as("at its expiry").isEmpty();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(remembering.verify(tampered)).as("another text is checked on its own").isEmpty();
    }

    @Test
    void aTokenIssuedHereExpiresWhenItsWrittenExpirySaysAsOnAnyOtherNode() {
        Instant issuedAt = NOW.plusMillis(600); // the token carries whole seconds
        Instant[] now = {issuedAt};
        Clock moving = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        var issuing = new AccessTokens(SECRET, Duration.ofMinutes(15), moving);
        var other = new AccessTokens(SECRET, Duration.ofMinutes(15), moving);
        String token = issuing.issue(7, "ada", "family-7");
        assertThat(issuing.verify(token)).contains(new Principal(7, "ada", "family-7"));
        now[0] = NOW.plus(Duration.ofMinutes(15)).minusMillis(1);
        assertThat(issuing.verify(token)).as("just before its written expiry").isPresent();
        assertThat(other.verify(token)).isPresent();
        now[0] = NOW.plus(Duration.ofMinutes(15)).plusMillis(300); // before issue time + ttl, after the written exp
        assertThat(other.verify(token)).as("a node that parses it").isEmpty();
        assertThat(issuing.verify(token)).as("the node that issued it").isEmpty();
    }

    @Test
    void algNoneIsRejected() {
        String unsigned = new PlainJWT(validClaims().build()).serialize();
        assertThat(tokens.verify(unsigned)).isEmpty();
        // a token that claims HS256 in its header but carries no signature
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String[] parts = tokens.issue(1, "a", "s").split("\\.");
        assertThat(tokens.verify(header + "." + parts[1] + ".")).isEmpty();
    }

    @Test
    void anotherAlgorithmWithTheSameKeyIsRejected() throws Exception {
        byte[] longKey = new byte[64];
        System.arraycopy(SECRET, 0, longKey, 0, 32);
        System.arraycopy(SECRET, 0, longKey, 32, 32);
        var wide = new AccessTokens(longKey, Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(wide.verify(sign(JWSAlgorithm.HS512, longKey, validClaims().build()))).isEmpty();
        assertThat(wide.verify(sign(JWSAlgorithm.HS256, longKey, validClaims().build()))).isPresent();
    }

    @Test
    void anotherKeyIsRejected() throws Exception {
        byte[] other = "ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.UTF_8);
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, other, validClaims().build()))).isEmpty();
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().build()))).isPresent();
    }

    @Test
    void wrongIssuerAudienceOrMissingClaimsAreRejected() throws Exception {
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().issuer("evil").build()))).isEmpty();
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().audience("other").build()))).isEmpty();
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().jwtID(null).build()))).isEmpty();
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().issueTime(null).build()))).isEmpty();
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().expirationTime(null).build()))).isEmpty();
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, SECRET,
                validClaims().issueTime(Date.from(NOW.plus(Duration.ofHours(1)))).build()))).isEmpty();
        assertThat(tokens.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().subject("x").build()))).isEmpty();
    }

    @Test
    void garbageIsRejected() {
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThat(tokens.verify("x".repeat(10_000))).isEmpty();
    }
}
