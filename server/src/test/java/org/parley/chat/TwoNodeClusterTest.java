package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestRedis;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/** Two nodes on one PostgreSQL database and one Redis, as behind a load balancer: every node serves every room. */
class TwoNodeClusterTest {

    @Test
    void usersOnDifferentNodesChatLiveAndSeeEachOther() {
        String redis = TestRedis.url();
        String secret = "cluster-test-secret-that-is-long-enough-0123456789";
        Map<String, String> settings = Map.of("redis-url", redis, "jwt-secret", secret, "message-burst", "1000");
        try (TestDatabase db = TestDatabase.postgres();
             TestServer nodeA = TestServer.start(db, settings);
             TestServer nodeB = TestServer.start(db, settings)) {
            Account ann = Accounts.register(nodeA.api(), "cl_ann");
            Account bob = Accounts.register(nodeB.api(), "cl_bob");
            long roomId = nodeA.api().post("/api/rooms", Map.of("name", "Across", "memberIds", List.of(bob.id())),
                    ann.accessToken()).json().path("id").asLong();

            try (ChatSocket onA = ChatSocket.connect(nodeA.baseUrl(), ann.accessToken());
                 ChatSocket onB = ChatSocket.connect(nodeB.baseUrl(), bob.accessToken())) {
                onB.awaitFirst("presence_batch", b -> b.path("users").valueStream().anyMatch(
                        p -> p.path("userId").asLong() == ann.id() || p.path("userId").asLong() == bob.id()));
                JsonNode sent = onA.call("send_message", Map.of("roomId", roomId, "content", "from node A"));
                long seq = sent.path("ok").path("seq").asLong();
                JsonNode got = onB.awaitFirst("receive_message", m -> m.path("content").asString().equals("from node A"));
                assertThat(got.path("seq").asLong()).isEqualTo(seq);

                onB.call("send_message", Map.of("roomId", roomId, "content", "from node B"));
                onA.awaitFirst("receive_message", m -> m.path("content").asString().equals("from node B"));

                onB.call("typing", roomId);
                onA.awaitFirst("user_typing", t -> t.path("userId").asLong() == bob.id());

                // a member added through node B starts hearing the room on node A's sockets
                Account cat = Accounts.register(nodeA.api(), "cl_cat");
                try (ChatSocket catOnA = ChatSocket.connect(nodeA.baseUrl(), cat.accessToken())) {
                    nodeB.api().post("/api/rooms/" + roomId + "/members", Map.of("userIds", List.of(cat.id())),
                            ann.accessToken());
                    catOnA.awaitFirst("room_added", r -> r.path("roomId").asLong() == roomId);
                    onB.call("send_message", Map.of("roomId", roomId, "content", "welcome cat"));
                    catOnA.awaitFirst("receive_message", m -> m.path("content").asString().equals("welcome cat"));
                }
            }
        }
    }

    @Test
    void signingOutOnOneNodeEndsTheAccessTokenOnTheOther() throws Exception {
        Map<String, String> settings = Map.of("redis-url", TestRedis.url(),
                "jwt-secret", "cluster-test-secret-that-is-long-enough-0123456789");
        try (TestDatabase db = TestDatabase.postgres();
             TestServer nodeA = TestServer.start(db, settings);
             TestServer nodeB = TestServer.start(db, settings)) {
            Account dan = Accounts.register(nodeA.api(), "cl_dan");
            assertThat(nodeB.api().get("/api/me", dan.accessToken()).status()).as("node B knows the session live")
                    .isEqualTo(200);
            assertThat(nodeA.api().post("/api/auth/logout", Map.of("refreshToken", dan.refreshToken()), null).status())
                    .isEqualTo(204);
            int status = 0;
            for (int i = 0; i < 50 && status != 401; i++) {
                status = nodeB.api().get("/api/me", dan.accessToken()).status();
                if (status != 401) Thread.sleep(20);
            }
            assertThat(status).as("within a second, long before the cache would expire").isEqualTo(401);
        }
    }
}
