package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.parley.bus.RedisBus;
import org.parley.bus.Topic;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestRedis;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes on one PostgreSQL database and one Redis: a room's events travel only to the nodes
 * that have its sockets, follow sockets as they join and leave, and resume after the bus connection
 * is cut, with the sockets told to catch up.
 */
class ClusterRoutingTest {
    private static final String SECRET = "cluster-test-secret-that-is-long-enough-0123456789";

    @Test
    void roomEventsGoOnlyToNodesWithItsSocketsAndResumeAfterTheBusIsCut() {
        String redisUrl = TestRedis.url();
        Map<String, String> settings = Map.of("redis-url", redisUrl, "jwt-secret", SECRET, "message-burst", "1000");
        RedisClient admin = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> adminConnection = admin.connect();
             TestDatabase db = TestDatabase.postgres();
             TestServer nodeA = TestServer.start(db, settings);
             TestServer nodeB = TestServer.start(db, settings);
             TestServer nodeC = TestServer.start(db, settings)) {
            RedisCommands<String, String> redis = adminConnection.sync();
            RedisBus busA = (RedisBus) nodeA.bus();
            RedisBus busC = (RedisBus) nodeC.bus();
            Account ann = Accounts.register(nodeA.api(), "rt_ann");
            Account bob = Accounts.register(nodeB.api(), "rt_bob");
            Account cat = Accounts.register(nodeC.api(), "rt_cat");
            long across = createRoom(nodeA, ann, "Across", bob.id());
            long side = createRoom(nodeA, ann, "Side", cat.id());
            Topic acrossTopic = Topic.room(across);
            String acrossChannel = "parley:" + acrossTopic.key();

            try (ChatSocket annOnA = ChatSocket.connect(nodeA.baseUrl(), ann.accessToken());
                 ChatSocket bobOnB = ChatSocket.connect(nodeB.baseUrl(), bob.accessToken());
                 ChatSocket catOnC = ChatSocket.connect(nodeC.baseUrl(), cat.accessToken())) {
                // connecting returns once the node carries the socket's rooms
                assertThat(subscribers(redis, acrossChannel)).as("nodes A and B have sockets in the room").isEqualTo(2);

                long seq = sent(annOnA, across, "from A");
                assertThat(bobOnB.awaitFirst("receive_message", m -> m.path("seq").asLong() == seq)
                        .path("content").asString()).isEqualTo("from A");
                long reply = sent(bobOnB, across, "from B");
                // Redis brings node A its own message back before bob's reply, which was sent after it arrived
                assertThat(seqsIn(collectUntil(annOnA, across, reply), across))
                        .as("node A delivered its own message once, at once, and dropped the copy Redis brought back")
                        .containsExactly(seq, reply);
                assertThat(busA.received(acrossTopic)).as("node A heard the room's channel").isPositive();

                // a message in the side room, published by node A after the ones above, reaches node C
                // after anything node A published before it on a channel node C subscribes to
                long marker = sent(annOnA, side, "to C");
                catOnC.awaitFirst("receive_message", m -> m.path("seq").asLong() == marker);
                assertThat(busC.received(acrossTopic)).as("node C has no socket in the room").isZero();
                assertThat(busC.received(Topic.room(side))).isPositive();
                assertThat(new ApiClient("http://127.0.0.1:" + nodeC.managementPort()).get("/metrics", null).text())
                        .as("node C carries cat's own topic and the side room").contains("parley_bus_topics 2.0")
                        .containsPattern("parley_bus_received_total [1-9]");

                // cat joins the room on node C: the node starts carrying it
                assertThat(nodeB.api().post("/api/rooms/" + across + "/members", Map.of("userIds", List.of(cat.id())),
                        ann.accessToken()).status()).isBetween(200, 299);
                catOnC.awaitFirst("room_added", r -> r.path("roomId").asLong() == across);
                assertThat(subscribers(redis, acrossChannel)).isEqualTo(3);
                long welcome = sent(bobOnB, across, "welcome cat");
                catOnC.awaitFirst("receive_message", m -> m.path("seq").asLong() == welcome);

                // and leaves it: the node stops carrying it once its last socket there is gone
                assertThat(nodeC.api().delete("/api/rooms/" + across + "/members/" + cat.id(), cat.accessToken())
                        .status()).isEqualTo(204);
                catOnC.awaitFirst("room_removed", r -> r.path("roomId").asLong() == across);
                await(() -> subscribers(redis, acrossChannel) == 2, "node C unsubscribes from the room");
                long heardByC = busC.received(acrossTopic);
                long after = sent(bobOnB, across, "cat is gone");
                annOnA.awaitFirst("receive_message", m -> m.path("seq").asLong() == after);
                long marker2 = sent(annOnA, side, "to C again");
                catOnC.awaitFirst("receive_message", m -> m.path("seq").asLong() == marker2);
                assertThat(busC.received(acrossTopic)).as("nothing more for the room reached node C").isEqualTo(heardByC);
                assertThat(seqsIn(catOnC.drain("receive_message"), across)).doesNotContain(after);

                // the bus connection of every node is cut; each reconnects, subscribes again and has its sockets resync
                for (TestServer node : List.of(nodeA, nodeB, nodeC)) {
                    String name = "parley-" + ((RedisBus) node.bus()).nodeId() + "-subscribe";
                    String id = clientId(redis, name);
                    assertThat(redis.clientKill(io.lettuce.core.KillArgs.Builder.id(Long.parseLong(id))))
                            .as("killed " + name).isEqualTo(1);
                }
                JsonNode annResync = annOnA.awaitFirst("resync_needed", r -> true);
                assertThat(longs(annResync.path("rooms"))).containsExactlyInAnyOrder(across, side);
                assertThat(longs(bobOnB.awaitFirst("resync_needed", r -> true).path("rooms"))).containsExactly(across);
                assertThat(longs(catOnC.awaitFirst("resync_needed", r -> true).path("rooms"))).containsExactly(side);
                assertThat(subscribers(redis, acrossChannel)).isEqualTo(2);

                long resumed = sent(annOnA, across, "after the cut");
                bobOnB.awaitFirst("receive_message", m -> m.path("seq").asLong() == resumed);
                long resumedBack = sent(bobOnB, across, "and back");
                annOnA.awaitFirst("receive_message", m -> m.path("seq").asLong() == resumedBack);
                long resumedSide = sent(annOnA, side, "and to C");
                catOnC.awaitFirst("receive_message", m -> m.path("seq").asLong() == resumedSide);
            }
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void messagesMissedOnTheBusAreFilledFromTheDatabaseInOrder() {
        Map<String, String> clustered = Map.of("redis-url", TestRedis.url(), "jwt-secret", SECRET, "message-burst", "1000");
        try (TestDatabase db = TestDatabase.postgres();
             TestServer nodeA = TestServer.start(db, clustered);
             TestServer nodeB = TestServer.start(db, clustered);
             // on the same database but off the bus: what it stores, the others never hear of
             TestServer island = TestServer.start(db, Map.of("jwt-secret", SECRET, "message-burst", "1000"))) {
            Account ann = Accounts.register(nodeA.api(), "gap_ann");
            Account bob = Accounts.register(nodeB.api(), "gap_bob");
            long roomId = createRoom(nodeA, ann, "Gaps", bob.id());
            try (ChatSocket annOnA = ChatSocket.connect(nodeA.baseUrl(), ann.accessToken());
                 ChatSocket bobOnB = ChatSocket.connect(nodeB.baseUrl(), bob.accessToken())) {
                long first = sent(annOnA, roomId, "heard by all");
                assertThat(seqsIn(collectUntil(bobOnB, roomId, first), roomId)).containsExactly(first);
                assertThat(seqsIn(collectUntil(annOnA, roomId, first), roomId)).containsExactly(first);

                List<Long> missed = new java.util.ArrayList<>();
                for (String text : List.of("missed one", "missed two")) {
                    ApiClient.Response r = island.api().post("/api/rooms/" + roomId + "/messages",
                            Map.of("content", text), ann.accessToken());
                    assertThat(r.status()).as(r.text()).isEqualTo(201);
                    missed.add(r.json().path("seq").asLong());
                }
                assertThat(missed).containsExactly(first + 1, first + 2);

                long next = sent(annOnA, roomId, "heard again");
                List<JsonNode> onB = collectUntil(bobOnB, roomId, next);
                assertThat(seqsIn(onB, roomId)).as("node B filled the gap before the message that showed it")
                        .containsExactly(first + 1, first + 2, next);
                assertThat(onB.get(0).path("content").asString()).isEqualTo("missed one");
                assertThat(seqsIn(collectUntil(annOnA, roomId, next), roomId)).as("and so did the sender's own node")
                        .containsExactly(first + 1, first + 2, next);
            }
        }
    }

    private static long createRoom(TestServer node, Account owner, String name, long member) {
        return node.api().post("/api/rooms", Map.of("name", name, "memberIds", List.of(member)), owner.accessToken())
                .json().path("id").asLong();
    }

    /** Sends a message and returns its seq once it is acknowledged (stored). */
    private static long sent(ChatSocket socket, long roomId, String content) {
        JsonNode ack = socket.call("send_message", Map.of("roomId", roomId, "content", content));
        assertThat(ack.has("ok")).as(ack.toString()).isTrue();
        return ack.path("ok").path("seq").asLong();
    }

    private static List<Long> seqsIn(List<JsonNode> messages, long roomId) {
        return messages.stream().filter(m -> m.path("roomId").asLong() == roomId).map(m -> m.path("seq").asLong()).toList();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode n : array) out.add(n.asLong());
        return out;
    }

    /** Every message the socket receives, up to the one of room {@code roomId} with {@code seq}. */
    private static List<JsonNode> collectUntil(ChatSocket socket, long roomId, long seq) {
        List<JsonNode> got = new java.util.ArrayList<>();
        socket.await("receive_message", args -> {
            got.add(args.getFirst());
            return args.getFirst().path("roomId").asLong() == roomId && args.getFirst().path("seq").asLong() == seq;
        });
        return got;
    }

    private static long subscribers(RedisCommands<String, String> redis, String channel) {
        return redis.pubsubShardNumsub(channel).getOrDefault(channel, 0L);
    }

    private static String clientId(RedisCommands<String, String> redis, String name) {
        for (String line : redis.clientList().split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                for (String field : line.split(" ")) {
                    if (field.startsWith("id=")) return field.substring(3);
                }
            }
        }
        throw new AssertionError("no Redis client named " + name);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + ChatSocket.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + ChatSocket.WAIT);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
