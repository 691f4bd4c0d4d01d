package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TestServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBasicsTest {
    private final TestServer server = TestServer.start(null, Map.of("allowed-origins", "https://app.example"));
    private final ApiClient api = server.api();

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void healthReadinessAndMetricsAnswer() {
        assertThat(api.get("/healthz", null).json().path("status").asString()).isEqualTo("ok");
        var ready = api.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asString()).isEqualTo("ready");
        api.get("/api/me", null);
        var metrics = api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count");
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndARequestId() {
        for (String path : new String[] {"/healthz", "/api/me", "/"}) {
            var r = api.get(path, null);
            assertThat(r.header("Content-Security-Policy")).as(path).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.header("X-Request-Id")).isNotBlank();
        }
    }

    @Test
    void unknownApiPathsAreJson404s() {
        var anonymous = api.get("/api/nothing-here", null);
        assertThat(anonymous.status()).isEqualTo(401);
        String token = org.parley.testkit.Accounts.register(api, "notfound").accessToken();
        var r = api.get("/api/nothing-here", token);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
        var authPath = api.post("/api/auth/nothing", Map.of(), null);
        assertThat(authPath.status()).isEqualTo(404);
        assertThat(authPath.errorCode()).isEqualTo("not_found");
    }

    @Test
    void corsIsGrantedOnlyToConfiguredOrigins() {
        var allowed = api.send("OPTIONS", "/api/auth/login", null, null,
                Map.of("Origin", "https://app.example", "Access-Control-Request-Method", "POST"));
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(allowed.header("Access-Control-Allow-Headers")).contains("Authorization");

        var denied = api.send("OPTIONS", "/api/auth/login", null, null,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        assertThat(denied.header("Access-Control-Allow-Origin")).isNull();
        var deniedGet = api.send("GET", "/healthz", null, null, Map.of("Origin", "https://evil.example"));
        assertThat(deniedGet.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void socketsAcceptTheAppsOwnOriginAndConfiguredOnesOnly() {
        String handshake = "/socket.io/?EIO=4&transport=polling";
        var own = api.send("GET", handshake, null, null, Map.of("Origin", server.baseUrl()));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.text()).startsWith("0{\"sid\"");
        assertThat(api.send("GET", handshake, null, null, Map.of("Origin", "https://app.example")).status()).isEqualTo(200);
        assertThat(api.send("GET", handshake, null, null, Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
    }

    @Test
    void theSocketsSameOriginCheckComparesTheScheme() {
        String handshake = "/socket.io/?EIO=4&transport=polling";
        String hostAndPort = "127.0.0.1:" + server.port();
        assertThat(api.send("GET", handshake, null, null, Map.of("Origin", "https://" + hostAndPort)).status())
                .as("an https page is not this plain-http server").isEqualTo(403);
        assertThat(api.send("GET", handshake, null, null, Map.of("Origin", "http://" + hostAndPort)).status()).isEqualTo(200);
        // behind a TLS-terminating proxy the browser's scheme is the proxy's X-Forwarded-Proto
        assertThat(api.send("GET", handshake, null, null, Map.of("Origin", "https://" + hostAndPort,
                "X-Forwarded-Proto", "https")).status()).isEqualTo(200);
        assertThat(api.send("GET", handshake, null, null, Map.of("Origin", "http://" + hostAndPort,
                "X-Forwarded-Proto", "https")).status()).isEqualTo(403);
    }

    @Test
    void theAppMayConnectOnlyToItsOwnOrigin() {
        String csp = api.get("/healthz", null).header("Content-Security-Policy");
        assertThat(csp).contains("connect-src 'self';").doesNotContain("ws:").doesNotContain("wss:");
    }

    @Test
    void pagePathsGetTheAppAndTheGeneratedSecretIsKept() throws Exception {
        var page = api.get("/some/client/route", null);
        if (WebApp.isBuilt()) {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.text()).contains("<div id=\"root\"");
        } else {
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.text()).contains("web app is not part of this build");
        }
        var secret = server.dataDir().resolve("jwt-secret");
        assertThat(secret).exists();
        assertThat(Files.getPosixFilePermissions(secret).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }
}
