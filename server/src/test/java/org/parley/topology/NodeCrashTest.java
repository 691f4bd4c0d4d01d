package org.parley.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes as separate processes on one PostgreSQL and one Redis: a node killed with SIGKILL
 * while people send loses no acknowledged message, stores none twice, and the people who were on
 * it catch up on another node with {@code sync}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeCrashTest {
    private final Topology topology = Topology.start(3);

    @AfterAll
    void stop() {
        topology.close();
    }

    private ApiClient api(int node) {
        return topology.api(node);
    }

    /** Every {@code receive_message} of the room the socket gets until it has {@code count} distinct ones. */
    private static List<Long> receivedSeqs(ChatSocket socket, long roomId, int count) {
        List<Long> seqs = new ArrayList<>();
        while (new LinkedHashSet<>(seqs).size() < count) {
            seqs.add(socket.awaitFirst("receive_message", m -> m.path("roomId").asLong() == roomId).path("seq").asLong());
        }
        return seqs;
    }

    private static Map<String, Object> send(long roomId, String clientId) {
        return Map.of("roomId", roomId, "content", "message " + clientId, "clientId", clientId);
    }

    @Test
    void aMemberOnAKilledNodeCatchesUpElsewhereAndTheOthersMissNothing() {
        Account ann = Accounts.register(api(1), "ann"), bob = Accounts.register(api(2), "bob"),
                cat = Accounts.register(api(3), "cat");
        long roomId = api(1).post("/api/rooms", Map.of("name", "Crash", "memberIds", List.of(bob.id(), cat.id())),
                ann.accessToken()).json().path("id").asLong();
        Set<Long> acked = new LinkedHashSet<>();
        long catSawUpTo;
        try (ChatSocket annOn1 = ChatSocket.connect(topology.node(1).baseUrl(), ann.accessToken());
             ChatSocket bobOn2 = ChatSocket.connect(topology.node(2).baseUrl(), bob.accessToken());
             ChatSocket catOn3 = ChatSocket.connect(topology.node(3).baseUrl(), cat.accessToken())) {
            for (int i = 0; i < 120; i++) {
                if (i == 40) topology.node(3).kill();
                JsonNode ack = annOn1.call("send_message", send(roomId, "a-" + i));
                assertThat(ack.has("ok")).as("send %d: %s", i, ack).isTrue();
                acked.add(ack.path("ok").path("seq").asLong());
            }
            List<Long> bobGot = receivedSeqs(bobOn2, roomId, acked.size());
            assertThat(bobGot).as("Bob, on a node that stayed up, got every message live, once, in order")
                    .containsExactlyElementsOf(acked);
            catOn3.await("disconnect", a -> true);
            catSawUpTo = catOn3.drain("receive_message").stream().mapToLong(m -> m.path("seq").asLong()).max().orElse(0);
        }
        assertThat(catSawUpTo).as("Cat heard some messages before the node died").isPositive();

        try (ChatSocket catOn1 = ChatSocket.connect(topology.node(1).baseUrl(), cat.accessToken())) {
            JsonNode sync = catOn1.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId), catSawUpTo)));
            List<Long> caughtUp = new ArrayList<>();
            for (JsonNode m : sync.path("ok").path("rooms").get(0).path("messages")) caughtUp.add(m.path("seq").asLong());
            List<Long> missed = acked.stream().filter(s -> s > catSawUpTo).toList();
            assertThat(caughtUp).as("Cat's sync on another node brings exactly what she missed").containsExactlyElementsOf(missed);
        }
        topology.node(3).restart();
    }

    @Test
    void killingTheSendersNodeMidStreamLosesNothingAcknowledgedAndStoresNothingTwice() {
        Account dan = Accounts.register(api(1), "dan"), eve = Accounts.register(api(2), "eve");
        long roomId = api(1).post("/api/rooms", Map.of("name", "Sender crash", "memberIds", List.of(eve.id())),
                dan.accessToken()).json().path("id").asLong();
        Map<String, Long> acked = new HashMap<>();
        List<String> unanswered = new ArrayList<>();
        int total = 150;
        try (ChatSocket danOn1 = ChatSocket.connect(topology.node(1).baseUrl(), dan.accessToken())) {
            CompletableFuture<Void> crash = null;
            for (int i = 0; i < total; i++) {
                String clientId = "d-" + i;
                // the kill lands while sends are in flight, not between two of them
                if (i == 60) crash = CompletableFuture.runAsync(() -> topology.node(1).kill());
                if (!danOn1.connected() && crash != null && crash.isDone()) {
                    unanswered.add(clientId);
                    continue;
                }
                try {
                    JsonNode ack = danOn1.call("send_message", send(roomId, clientId));
                    if (ack.has("ok")) acked.put(clientId, ack.path("ok").path("seq").asLong());
                    else unanswered.add(clientId);
                } catch (RuntimeException | AssertionError noAnswer) {
                    unanswered.add(clientId);
                }
            }
            assertThat(crash).isNotNull();
            crash.join();
        }
        assertThat(unanswered).as("the kill cut some sends off").isNotEmpty();

        // the client retries what got no answer, with the same clientId, on a node that is up
        try (ChatSocket danOn2 = ChatSocket.connect(topology.node(2).baseUrl(), dan.accessToken())) {
            for (String clientId : unanswered) {
                JsonNode ack = danOn2.call("send_message", send(roomId, clientId));
                assertThat(ack.has("ok")).as("retry of %s: %s", clientId, ack).isTrue();
                Long before = acked.put(clientId, ack.path("ok").path("seq").asLong());
                assertThat(before).isNull();
            }
        }
        List<String> stored = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            JsonNode page = api(2).get("/api/rooms/" + roomId + "/messages?limit=100"
                    + (before == Long.MAX_VALUE ? "" : "&before=" + before), eve.accessToken()).json();
            JsonNode messages = page.path("messages");
            if (messages.isEmpty()) break;
            for (JsonNode m : messages) {
                if (m.path("content").asString("").startsWith("message d-")) stored.add(m.path("content").asString());
                before = Math.min(before, m.path("seq").asLong());
            }
        }
        assertThat(stored).as("every message once").doesNotHaveDuplicates().hasSize(total);
        topology.node(1).restart();
    }
}
