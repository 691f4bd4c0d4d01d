package org.parley.topology;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Redis run without a single point of failure: the nodes reach a primary through Sentinel, the
 * primary is killed, Sentinel promotes the replica, and the nodes follow it on their own: sends
 * stay acknowledged, sockets are told to resync, and live delivery across nodes resumes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentinelFailoverTest {
    private final Topology topology = Topology.start(2, true);

    @AfterAll
    void stop() {
        topology.close();
    }

    @Test
    void whenThePrimaryDiesTheNodesFollowThePromotedReplica() {
        ApiClient api = new ApiClient(topology.node(1).baseUrl());
        Account ann = Accounts.register(api, "ann"), bob = Accounts.register(api, "bob");
        long roomId = api.post("/api/rooms", Map.of("name", "Failover", "memberIds", List.of(bob.id())),
                ann.accessToken()).json().path("id").asLong();
        try (ChatSocket annOn1 = ChatSocket.connect(topology.node(1).baseUrl(), ann.accessToken());
             ChatSocket bobOn2 = ChatSocket.connect(topology.node(2).baseUrl(), bob.accessToken())) {
            long first = annOn1.call("send_message", Map.of("roomId", roomId, "content", "before")).path("ok").path("seq").asLong();
            bobOn2.awaitFirst("receive_message", m -> m.path("seq").asLong() == first);

            long killed = System.nanoTime();
            topology.redis().kill();
            JsonNode ack = annOn1.call("send_message", Map.of("roomId", roomId, "content", "while failing over", "clientId", "f-1"));
            assertThat(ack.has("ok")).as("a send during the failover is stored and acknowledged: %s", ack).isTrue();

            JsonNode hint = SocketWaits.next(bobOn2, "resync_needed", 45_000);
            System.out.printf("SentinelFailoverTest: node 2 resubscribed on the promoted replica %.1f s after the primary died%n",
                    (System.nanoTime() - killed) / 1e9);
            assertThat(hint.path("rooms").toString()).contains(String.valueOf(roomId));

            // live across nodes again, through the new primary (a few tries while node 1 also moves over)
            long deadline = System.currentTimeMillis() + 30_000;
            boolean live = false;
            for (int i = 0; !live && System.currentTimeMillis() < deadline; i++) {
                long seq = annOn1.call("send_message", Map.of("roomId", roomId, "content", "after " + i)).path("ok").path("seq").asLong();
                live = SocketWaits.receives(bobOn2, seq, 2_000);
            }
            assertThat(live).as("a message from node 1 reaches node 2 live after the failover\n" + topology.logs()).isTrue();
        }
    }

}
