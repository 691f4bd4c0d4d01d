package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestRedis;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes on one PostgreSQL database and one Redis: a person's presence is the cluster's, not
 * one node's. Online on any node is online everywhere, away only when every node says away, and
 * closing one of two connections on different nodes does not make them offline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterPresenceTest {
    private final String prefix = "parley-test-presence-" + UUID.randomUUID() + ":";
    private final TestDatabase db = TestDatabase.postgres();
    private final Map<String, String> settings = Map.of("redis-url", TestRedis.url(),
            "redis-key-prefix", prefix, "jwt-secret", "cluster-test-secret-that-is-long-enough-0123456789");
    private final List<TestServer> nodes = List.of(TestServer.start(db, settings), TestServer.start(db, settings),
            TestServer.start(db, settings));
    private final RedisClient redisClient = RedisClient.create(TestRedis.url());
    private final StatefulRedisConnection<String, String> redis = redisClient.connect();

    @AfterAll
    void stop() {
        redis.close();
        redisClient.shutdown();
        nodes.forEach(TestServer::close);
        db.close();
    }

    private TestServer node(int n) {
        return nodes.get(n - 1);
    }

    private ChatSocket connect(int n, Account who) {
        ChatSocket s = ChatSocket.connect(node(n).baseUrl(), who.accessToken());
        s.awaitFirst("presence_snapshot", x -> true);
        return s;
    }

    private void direct(Account a, Account b) {
        node(1).api().post("/api/rooms/direct", Map.of("userId", b.id()), a.accessToken());
    }

    private static JsonNode entryOf(JsonNode users, long userId) {
        for (JsonNode u : users) {
            if (u.path("userId").asLong() == userId) return u;
        }
        return null;
    }

    private static String statusIn(JsonNode users, long userId) {
        JsonNode e = entryOf(users, userId);
        return e == null ? null : e.path("status").asString();
    }

    /** Waits for a batch saying {@code who} is {@code status}; every entry of the batches read on the way is kept in {@code heard}. */
    private static void awaitPresence(ChatSocket s, Account who, String status, List<JsonNode> heard) {
        s.awaitFirst("presence_batch", b -> {
            b.path("users").forEach(heard::add);
            return status.equals(statusIn(b.path("users"), who.id()));
        });
    }

    private static Predicate<JsonNode> says(Account who, String status) {
        return p -> p.path("userId").asLong() == who.id() && p.path("status").asString().equals(status);
    }

    /** Waits until Redis holds the person's entries from {@code count} nodes (the end of a node's grace period). */
    private void awaitNodesHolding(Account who, int count) throws InterruptedException {
        long deadline = System.nanoTime() + ChatSocket.WAIT.toNanos();
        while (redis.sync().hlen(prefix + "presence:" + who.id()) != count) {
            assertThat(System.nanoTime()).as("%s held by %d nodes", who.username(), count).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void closingOneOfTwoNodesConnectionsKeepsThePersonOnlineForAWatcherOnAThird() throws Exception {
        Account ann = Accounts.register(node(1).api(), "cp_ann"), bob = Accounts.register(node(1).api(), "cp_bob");
        direct(ann, bob);
        List<JsonNode> heard = new ArrayList<>();
        try (ChatSocket bobOn3 = connect(3, bob); ChatSocket annOn2 = connect(2, ann)) {
            awaitPresence(bobOn3, ann, "online", heard);
            try (ChatSocket annOn1 = connect(1, ann)) {
                awaitNodesHolding(ann, 2);
            }
            awaitNodesHolding(ann, 1); // node 1's grace period is over and its entry gone
            JsonNode watched = bobOn3.call("watch_presence", Map.of("userIds", List.of(ann.id())));
            assertThat(statusIn(watched.path("ok").path("users"), ann.id())).as(watched.toString()).isEqualTo("online");
            try (ChatSocket bobOn2 = connect(2, bob)) {
                // a snapshot taken on another node agrees
                assertThat(bobOn2.call("watch_presence", Map.of("userIds", List.of(ann.id())))
                        .path("ok").path("users")).anyMatch(says(ann, "online"));
            }
            annOn2.close();
            awaitPresence(bobOn3, ann, "offline", heard);
            assertThat(heard).as("offline once, when the last connection went").filteredOn(says(ann, "offline")).hasSize(1);
        }
    }

    @Test
    void aSnapshotOnOneNodeShowsWhoIsOnlineOnAnother() {
        Account cat = Accounts.register(node(1).api(), "cp_cat"), dan = Accounts.register(node(1).api(), "cp_dan");
        direct(cat, dan);
        try (ChatSocket catOn1 = connect(1, cat);
             ChatSocket danOn2 = ChatSocket.connect(node(2).baseUrl(), dan.accessToken())) {
            JsonNode snapshot = danOn2.awaitFirst("presence_snapshot", x -> true).path("users");
            assertThat(statusIn(snapshot, cat.id())).as(snapshot.toString()).isEqualTo("online");
            assertThat(statusIn(snapshot, dan.id())).isEqualTo("online");
        }
    }

    @Test
    void nodesWriteTheirPeopleAgainWhenRedisLostTheirEntriesAndLeases() throws Exception {
        Account gil = Accounts.register(node(1).api(), "cp_gil"), hal = Accounts.register(node(1).api(), "cp_hal");
        direct(gil, hal);
        try (ChatSocket gilOn1 = connect(1, gil); ChatSocket halOn2 = connect(2, hal)) {
            awaitNodesHolding(gil, 1);
            // as after a Redis restart without persistence: every key of the deployment is gone
            List<String> keys = redis.sync().keys(prefix + "*");
            assertThat(keys).isNotEmpty();
            redis.sync().del(keys.toArray(String[]::new));
            awaitNodesHolding(gil, 1); // node 1 found its lease gone and wrote its people again
            assertThat(halOn2.call("watch_presence", Map.of("userIds", List.of(gil.id()))).path("ok").path("users"))
                    .anyMatch(says(gil, "online"));
        }
    }

    @Test
    void awayOnlyWhenEveryNodeSaysAway() {
        Account eve = Accounts.register(node(1).api(), "cp_eve"), fay = Accounts.register(node(1).api(), "cp_fay");
        direct(eve, fay);
        List<JsonNode> heard = new ArrayList<>();
        try (ChatSocket fayOn3 = connect(3, fay); ChatSocket eveOn1 = connect(1, eve)) {
            awaitPresence(fayOn3, eve, "online", heard);
            try (ChatSocket eveOn2 = connect(2, eve)) {
                eveOn1.call("set_presence", Map.of("status", "away"));
                assertThat(fayOn3.call("watch_presence", Map.of("userIds", List.of(eve.id()))).path("ok").path("users"))
                        .as("still online on node 2").anyMatch(says(eve, "online"));
                eveOn2.call("set_presence", Map.of("status", "away"));
                awaitPresence(fayOn3, eve, "away", heard);
                assertThat(heard).as("no away while node 2 said online").filteredOn(says(eve, "away")).hasSize(1);
                eveOn1.call("set_presence", Map.of("status", "online"));
                awaitPresence(fayOn3, eve, "online", heard);
            }
        }
    }
}
