package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.config.ConfigLoader;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TestServer;

/** {@code /metrics} is served on the management address only, loopback by default, never on the app's port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementAddressTest {
    private final TestServer server = TestServer.start();
    private final ApiClient api = server.api();
    private final ApiClient management = new ApiClient("http://127.0.0.1:" + server.managementPort());

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void metricsAreNotServedOnTheAppPort() {
        var r = api.get("/metrics", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).doesNotContain("jvm_memory_used_bytes");
    }

    @Test
    void metricsAreServedOnTheManagementPort() {
        api.get("/api/me", null);
        var metrics = management.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.text()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count");
        assertThat(management.get("/api/me", null).status()).as("only metrics there").isEqualTo(404);
        assertThat(management.post("/metrics", Map.of(), null).status()).isEqualTo(405);
    }

    @Test
    void theManagementAddressIsLoopbackByDefault() {
        var server = ConfigLoader.load(List.of(), Map.of()).server();
        assertThat(server.managementHost()).isEqualTo("127.0.0.1");
        assertThat(server.managementPort()).isEqualTo(9464);
    }
}
