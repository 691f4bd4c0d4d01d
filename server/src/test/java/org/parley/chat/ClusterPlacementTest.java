package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.bus.RedisBus;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TcpProxy;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestRedis;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Sockets that connect to a node which does not carry their room yet hear, live, once and in seq
 * order, every message of the room stored after the node answered their CONNECT, without syncing:
 * the answer means "from now on you hear your rooms", even when the node's link to Redis is slow
 * and when the room's messages reach the node out of seq order.
 */
class ClusterPlacementTest {
    private static final String SECRET = "placement-test-secret-that-is-long-enough-0123456789";
    private static final Duration SLOW = Duration.ofMillis(400);
    private static final int RECEIVERS = 3;

    @Test
    void messagesStoredAfterTheConnectAnswerArriveLiveOnANodeThatJustTookTheRoom() throws Exception {
        String redisUrl = TestRedis.url();
        Map<String, String> direct = Map.of("redis-url", redisUrl, "jwt-secret", SECRET, "message-burst", "1000");
        try (TestDatabase db = TestDatabase.postgres();
             TcpProxy toRedisFromB = TcpProxy.to("127.0.0.1", 6379);
             TcpProxy toRedisFromC = TcpProxy.to("127.0.0.1", 6379);
             TestServer nodeA = TestServer.start(db, direct);
             TestServer nodeB = TestServer.start(db, via(toRedisFromB));
             TestServer nodeC = TestServer.start(db, via(toRedisFromC))) {
            Account ann = Accounts.register(nodeA.api(), "pl_ann");
            Account bob = Accounts.register(nodeA.api(), "pl_bob");
            Account cat = Accounts.register(nodeA.api(), "pl_cat");
            long first = createRoom(nodeA, ann, "First", bob.id(), cat.id());
            long second = createRoom(nodeA, ann, "Second", bob.id(), cat.id());

            try (ChatSocket annOnA = ChatSocket.connect(nodeA.baseUrl(), ann.accessToken());
                 ChatSocket catOnC = ChatSocket.connect(nodeC.baseUrl(), cat.accessToken())) {
                for (int i = 0; i < 3; i++) sent(annOnA, first, "before " + i);

                // node B's subscriptions reach Redis late; a message is sent the moment bob's sockets are answered
                toRedisFromB.delayRequests(SLOW);
                List<ChatSocket> bobOnB = new ArrayList<>();
                try {
                    for (int i = 0; i < RECEIVERS; i++) bobOnB.add(ChatSocket.connectAnswered(nodeB.baseUrl(), bob.accessToken()));
                    toRedisFromB.delayRequests(Duration.ZERO);
                    long right = sent(annOnA, first, "right after the answer");
                    Thread.sleep(SLOW.toMillis() * 2);
                    long later = sent(annOnA, first, "later");
                    for (ChatSocket socket : bobOnB) {
                        assertThat(seqsUntil(socket, first, later))
                                .as("every message after the CONNECT answer, once, in order").containsExactly(right, later);
                    }
                } finally {
                    bobOnB.forEach(ChatSocket::close);
                }
                RedisBus busB = (RedisBus) nodeB.bus();
                long deadline = System.nanoTime() + ChatSocket.WAIT.toNanos();
                while (busB.carriedTopics() > 0) {
                    assertThat(System.nanoTime()).as("node B lets go of bob's rooms").isLessThan(deadline);
                    Thread.sleep(20);
                }

                // node C publishes late, so its message reaches node B after a later one from node A
                sent(annOnA, second, "before");
                List<ChatSocket> again = new ArrayList<>();
                try {
                    for (int i = 0; i < RECEIVERS; i++) again.add(ChatSocket.connectAnswered(nodeB.baseUrl(), bob.accessToken()));
                    toRedisFromC.delayRequests(SLOW);
                    long fromC = sent(catOnC, second, "from C, slow to publish");
                    long fromA = sent(annOnA, second, "from A, right behind it");
                    assertThat(fromA).isEqualTo(fromC + 1);
                    Thread.sleep(SLOW.toMillis() * 2);
                    toRedisFromC.delayRequests(Duration.ZERO);
                    long last = sent(annOnA, second, "last");
                    for (ChatSocket socket : again) {
                        assertThat(seqsUntil(socket, second, last))
                                .as("the slow node's message is not lost behind the fast one").containsExactly(fromC, fromA, last);
                    }
                } finally {
                    again.forEach(ChatSocket::close);
                }
            }
        }
    }

    private static Map<String, String> via(TcpProxy proxy) {
        return Map.of("redis-url", "redis://127.0.0.1:" + proxy.port(), "jwt-secret", SECRET, "message-burst", "1000");
    }

    private static long createRoom(TestServer node, Account owner, String name, long... members) {
        List<Long> ids = new ArrayList<>();
        for (long m : members) ids.add(m);
        return node.api().post("/api/rooms", Map.of("name", name, "memberIds", ids), owner.accessToken())
                .json().path("id").asLong();
    }

    /** Sends a message and returns its seq once it is acknowledged (stored). */
    private static long sent(ChatSocket socket, long roomId, String content) {
        JsonNode ack = socket.call("send_message", Map.of("roomId", roomId, "content", content));
        assertThat(ack.has("ok")).as(ack.toString()).isTrue();
        return ack.path("ok").path("seq").asLong();
    }

    /** The seqs of room {@code roomId} the socket receives, in arrival order, up to {@code seq}. */
    private static List<Long> seqsUntil(ChatSocket socket, long roomId, long seq) {
        List<Long> got = new ArrayList<>();
        socket.await("receive_message", args -> {
            JsonNode m = args.getFirst();
            if (m.path("roomId").asLong() != roomId) return false;
            got.add(m.path("seq").asLong());
            return m.path("seq").asLong() == seq;
        });
        return got;
    }
}
