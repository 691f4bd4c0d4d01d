package org.parley.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes as separate processes on one PostgreSQL and one Redis, with the default node timeout
 * (10 s): when a node is killed with SIGKILL, the people whose only node it was go offline for the
 * others within the timeout and a renewal, those also on another node stay online, and they come
 * back online when they connect elsewhere. The node, restarted with a new id, sees them rightly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeDeathPresenceTest {
    /** The node timeout, a quarter of it until a survivor's next look, the batch window, and slack. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10 + 3 + 1 + 6);

    private final Topology topology = Topology.start(3);

    @AfterAll
    void stop() {
        topology.close();
    }

    private ApiClient api(int node) {
        return topology.api(node);
    }

    private ChatSocket connect(int node, Account who) {
        ChatSocket s = ChatSocket.connect(topology.node(node).baseUrl(), who.accessToken());
        s.awaitFirst("presence_snapshot", x -> true);
        return s;
    }

    private static Predicate<JsonNode> says(Account who, String status) {
        return p -> p.path("userId").asLong() == who.id() && p.path("status").asString().equals(status);
    }

    /**
     * Waits up to {@code within} for a batch saying {@code who} is {@code status}, keeping every entry
     * read on the way in {@code heard}; returns that entry.
     */
    private static JsonNode awaitPresence(ChatSocket s, Account who, String status, List<JsonNode> heard,
                                          Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                JsonNode batch = s.awaitFirst("presence_batch", b -> {
                    b.path("users").forEach(heard::add);
                    return b.path("users").valueStream().anyMatch(says(who, status));
                });
                return batch.path("users").valueStream().filter(says(who, status)).findFirst().orElseThrow();
            } catch (AssertionError none) {
                if (System.nanoTime() > deadline) throw none;
            }
        }
    }

    @Test
    void theUsersOfAKilledNodeGoOfflineWithinTheTimeoutAndComeBackElsewhere() {
        Account ann = Accounts.register(api(1), "ann"), bob = Accounts.register(api(2), "bob"),
                cat = Accounts.register(api(3), "cat");
        api(1).post("/api/rooms/direct", Map.of("userId", bob.id()), ann.accessToken());
        api(1).post("/api/rooms/direct", Map.of("userId", bob.id()), cat.accessToken());
        List<JsonNode> heard = new ArrayList<>();
        try (ChatSocket bobOn2 = connect(2, bob);
             ChatSocket catOn3 = connect(3, cat)) {
            ChatSocket annOn1 = connect(1, ann);
            ChatSocket catOn1 = connect(1, cat);
            awaitPresence(bobOn2, ann, "online", heard, ChatSocket.WAIT);

            long killed = System.nanoTime();
            topology.node(1).kill();
            JsonNode gone = awaitPresence(bobOn2, ann, "offline", heard, GONE_WITHIN);
            long tookMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("Presence: a killed node's user was offline for others after " + tookMs + " ms");
            assertThat(gone.path("lastSeenAt").isNumber()).as(gone.toString()).isTrue();
            annOn1.close();
            catOn1.close();

            JsonNode watched = bobOn2.call("watch_presence", Map.of("userIds", List.of(ann.id(), cat.id())));
            assertThat(watched.path("ok").path("users")).as("cat is still on node 3")
                    .anyMatch(says(cat, "online")).anyMatch(says(ann, "offline"));

            try (ChatSocket annOn3 = connect(3, ann)) {
                awaitPresence(bobOn2, ann, "online", heard, ChatSocket.WAIT);
                assertThat(heard).as("cat never went offline").noneMatch(says(cat, "offline"));

                topology.node(1).restart();
                try (ChatSocket bobOn1 = ChatSocket.connect(topology.node(1).baseUrl(), bob.accessToken())) {
                    JsonNode snapshot = bobOn1.awaitFirst("presence_snapshot", x -> true).path("users");
                    assertThat(snapshot).as("the restarted node sees them on node 3")
                            .anyMatch(says(ann, "online")).anyMatch(says(cat, "online"));
                }
                catOn3.call("set_presence", Map.of("status", "away"));
                awaitPresence(bobOn2, cat, "away", heard, ChatSocket.WAIT);
                assertThat(heard).as("the restarted node took nobody offline").noneMatch(says(cat, "offline"))
                        .filteredOn(says(ann, "offline")).hasSize(1);
            }
        }
    }
}
