package org.parley.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.parley.config.ConfigException;
import org.parley.config.ConfigLoader;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/calls/ice-servers}: STUN as configured, TURN with credentials coturn's use-auth-secret accepts. */
class IceServersTest {
    static final String SECRET = "ice-test-shared-secret-4f9a1c0d";

    @Test
    void turnCredentialsAreTheHmacOfTheUsernameWithTheSharedSecret() throws Exception {
        try (TestServer node = TestServer.start(null, Map.of("turn-urls",
                "turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349", "turn-secret", SECRET,
                "stun-urls", "stun:stun.example.com:3478", "turn-credential-ttl", "10m"))) {
            Account ann = Accounts.register(node.api(), "ice_ann");
            long before = System.currentTimeMillis() / 1000;
            var r = node.api().get("/api/calls/ice-servers", ann.accessToken());
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            JsonNode servers = r.json().path("iceServers");
            assertThat(r.json().path("ttl").asLong()).isEqualTo(600);
            assertThat(servers).hasSize(2);
            assertThat(servers.get(0).path("urls").get(0).asString()).isEqualTo("stun:stun.example.com:3478");
            assertThat(servers.get(0).has("credential")).isFalse();
            JsonNode turn = servers.get(1);
            assertThat(turn.path("urls")).extracting(JsonNode::asString)
                    .containsExactly("turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:5349");
            String username = turn.path("username").asString();
            assertThat(username).endsWith(":" + ann.id());
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            assertThat(expiry).isBetween(before + 600, before + 602);
            assertThat(turn.path("credential").asString()).isEqualTo(hmac(SECRET, username));
            assertThat(node.api().get("/api/calls/ice-servers", null).status()).isEqualTo(401);
        }
    }

    @Test
    void withoutTurnUrlsThereIsNoTurnEntry() {
        try (TestServer node = TestServer.start()) {
            Account ann = Accounts.register(node.api(), "ice_plain");
            JsonNode body = node.api().get("/api/calls/ice-servers", ann.accessToken()).json();
            assertThat(body.path("iceServers")).isEmpty();
            assertThat(body.path("ttl").asLong()).isEqualTo(3600);
        }
    }

    @Test
    void turnUrlsWithoutARealSecretStopTheStart() {
        for (String secret : List.of("", "change-me", "secret")) {
            assertThatThrownBy(() -> ConfigLoader.load(List.of("--turn-urls", "turn:t.example.com:3478",
                    "--turn-secret=" + secret), Map.of()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("turn-secret");
        }
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--turn-urls", "http://t.example.com"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("turn-urls");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--call-ring-timeout", "soon"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("call-ring-timeout");
        var calls = ConfigLoader.load(List.of("--call-ring-timeout", "45s", "--call-rejoin-grace", "1m"), Map.of()).calls();
        assertThat(calls.ringTimeout()).hasSeconds(45);
        assertThat(calls.rejoinGrace()).hasMinutes(1);
        assertThat(calls.maxParticipants()).isEqualTo(6);
    }

    static String hmac(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }
}
