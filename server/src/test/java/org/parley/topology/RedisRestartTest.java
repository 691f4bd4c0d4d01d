package org.parley.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import tools.jackson.databind.JsonNode;

/**
 * A Redis restart under three nodes: sends keep being acknowledged (the database has them), the
 * sockets of every node hear {@code resync_needed} once their node's bus is back, a {@code sync}
 * brings what they missed, and live delivery goes on without anyone reconnecting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisRestartTest {
    private final Topology topology = Topology.start(3);

    @AfterAll
    void stop() {
        topology.close();
    }


    @Test
    void afterARedisRestartEveryNodeTellsItsSocketsToResyncAndNothingIsMissed() {
        ApiClient api = new ApiClient(topology.node(1).baseUrl());
        Account ann = Accounts.register(api, "ann"), bob = Accounts.register(api, "bob");
        long roomId = api.post("/api/rooms", Map.of("name", "Restart", "memberIds", List.of(bob.id())),
                ann.accessToken()).json().path("id").asLong();
        try (ChatSocket annOn1 = ChatSocket.connect(topology.node(1).baseUrl(), ann.accessToken());
             ChatSocket bobOn2 = ChatSocket.connect(topology.node(2).baseUrl(), bob.accessToken())) {
            long first = annOn1.call("send_message", Map.of("roomId", roomId, "content", "before")).path("ok").path("seq").asLong();
            bobOn2.awaitFirst("receive_message", m -> m.path("seq").asLong() == first);

            topology.redis().stop();
            List<Long> duringOutage = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                JsonNode ack = annOn1.call("send_message", Map.of("roomId", roomId, "content", "during " + i, "clientId", "r-" + i));
                assertThat(ack.has("ok")).as("a send while Redis is down is still stored and acknowledged: %s", ack).isTrue();
                duringOutage.add(ack.path("ok").path("seq").asLong());
            }
            long restarted = System.nanoTime();
            topology.redis().start();

            JsonNode hint = SocketWaits.next(bobOn2, "resync_needed", 40_000);
            System.out.printf("RedisRestartTest: node 2 told its socket to resync %.1f s after Redis came back%n",
                    (System.nanoTime() - restarted) / 1e9);
            assertThat(hint.path("rooms").toString()).contains(String.valueOf(roomId));
            assertThat(bobOn2.connected()).as("nobody had to reconnect").isTrue();

            JsonNode sync = bobOn2.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId), first)));
            List<Long> caughtUp = new ArrayList<>();
            for (JsonNode m : sync.path("ok").path("rooms").get(0).path("messages")) caughtUp.add(m.path("seq").asLong());
            assertThat(caughtUp).as("sync brings every message sent while Redis was down").containsAll(duringOutage);

            long after = annOn1.call("send_message", Map.of("roomId", roomId, "content", "after")).path("ok").path("seq").asLong();
            bobOn2.awaitFirst("receive_message", m -> m.path("seq").asLong() == after);
        }
    }
}
