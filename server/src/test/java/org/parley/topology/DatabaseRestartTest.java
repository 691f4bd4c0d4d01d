package org.parley.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ChatSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL goes away under three node processes and comes back: every node says so on
 * {@code /readyz} within a second, sends are answered {@code unavailable} at once instead of
 * timing out, a socket that connects meanwhile is refused rather than left deaf, and once the
 * database is back everything works again with nothing acknowledged lost and nothing stored twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRestartTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Topology topology = Topology.start(3, false, true);

    @AfterAll
    void stop() {
        topology.close();
    }

    private record Readiness(int status, JsonNode body, long millis) {}

    private Readiness readiness(NodeProcess node) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return new Readiness(r.statusCode(), JsonMapper.shared().readTree(r.body()), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Polls every node's readiness until each answers {@code status}; every answer must come within a second. */
    private long awaitEveryNode(int status, long withinMillis) throws Exception {
        long t0 = System.currentTimeMillis();
        while (true) {
            boolean all = true;
            for (NodeProcess node : topology.nodes()) {
                Readiness r = readiness(node);
                assertThat(r.millis()).as("%s answers /readyz at once: %s", node.name(), r.body()).isLessThan(1_000);
                if (r.status() != status) all = false;
                if (status == 503 && r.status() == 503) {
                    assertThat(r.body().path("checks").path("database").asString()).isEqualTo("down");
                }
            }
            long took = System.currentTimeMillis() - t0;
            if (all) return took;
            assertThat(took).as("every node's /readyz says %d", status).isLessThan(withinMillis);
            Ports.sleep(100);
        }
    }

    @Test
    void aDatabaseOutageIsAnsweredClearlyAndHealsWithNothingLost() throws Exception {
        Account ann = Accounts.register(topology.api(1), "ann"), bob = Accounts.register(topology.api(2), "bob");
        long roomId = topology.api(1).post("/api/rooms", Map.of("name", "Outage", "memberIds", List.of(bob.id())),
                ann.accessToken()).json().path("id").asLong();
        Map<String, Long> acked = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        try (ChatSocket annOn1 = ChatSocket.connect(topology.node(1).baseUrl(), ann.accessToken());
             ChatSocket bobOn2 = ChatSocket.connect(topology.node(2).baseUrl(), bob.accessToken())) {
            for (int i = 0; i < 5; i++) {
                JsonNode ack = annOn1.call("send_message", Map.of("roomId", roomId, "content", "before " + i, "clientId", "b-" + i));
                acked.put("b-" + i, ack.path("ok").path("seq").asLong());
            }

            topology.databaseProxy().cut();
            long down = awaitEveryNode(503, 5_000);
            System.out.printf("DatabaseRestartTest: every node not ready %d ms after the database went away%n", down);
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                JsonNode ack = annOn1.call("send_message", Map.of("roomId", roomId, "content", "during " + i, "clientId", "d-" + i));
                long took = (System.nanoTime() - t0) / 1_000_000;
                assertThat(ack.path("error").path("code").asString()).as("send during the outage: %s", ack).isEqualTo("unavailable");
                assertThat(took).as("answered long before the client's ack timeout").isLessThan(7_500);
                refused.add("d-" + i);
            }
            assertThat(ChatSocket.attempt(topology.node(3).baseUrl(), bob.accessToken()))
                    .as("a socket connecting during the outage is refused, not admitted deaf").isEqualTo("error: unavailable");

            topology.databaseProxy().restore();
            long up = awaitEveryNode(200, 30_000);
            System.out.printf("DatabaseRestartTest: every node ready again %d ms after the database came back%n", up);

            // the client retries what was refused, with the same clientId; then everything flows live again
            for (String clientId : refused) {
                JsonNode ack = annOn1.call("send_message", Map.of("roomId", roomId,
                        "content", "during " + clientId.substring(2), "clientId", clientId));
                assertThat(ack.has("ok")).as("retry of %s after the outage: %s", clientId, ack).isTrue();
                acked.put(clientId, ack.path("ok").path("seq").asLong());
            }
            long after = annOn1.call("send_message", Map.of("roomId", roomId, "content", "after")).path("ok").path("seq").asLong();
            bobOn2.awaitFirst("receive_message", m -> m.path("seq").asLong() == after);
        }
        try (ChatSocket bobOn3 = ChatSocket.connect(topology.node(3).baseUrl(), bob.accessToken())) {
            JsonNode sync = bobOn3.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId), 0)));
            List<String> contents = new ArrayList<>();
            for (JsonNode m : sync.path("ok").path("rooms").get(0).path("messages")) {
                if (m.path("kind").asString().equals("text")) contents.add(m.path("content").asString());
            }
            assertThat(contents).as("every acknowledged message once, the refused ones once after their retry")
                    .doesNotHaveDuplicates()
                    .containsAll(acked.keySet().stream().map(k -> (k.startsWith("b-") ? "before " : "during ") + k.substring(2)).toList())
                    .hasSize(acked.size() + 1);
        }
    }
}
