package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.socketio.NodeScripts;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A browser-like client (socket.io-client 4.8) loses its connection and recovers it: during a burst
 * it gets every message once; after being removed from a room while away, nothing of that room.
 */
class ChatRecoveryTest {

    @Test
    void aClientCutOffDuringOneHundredSendsRecoversEveryMessageOnce() throws Exception {
        try (TestServer server = TestServer.start(null, Map.of("message-burst", "1000"))) {
            Account writer = Accounts.register(server.api(), "rec_w"), reader = Accounts.register(server.api(), "rec_r");
            long roomId = server.api().post("/api/rooms", Map.of("name", "Recovery", "memberIds", List.of(reader.id())),
                    writer.accessToken()).json().path("id").asLong();

            JsonNode result = NodeScripts.run("chat-recovery.mjs", server.baseUrl(), String.valueOf(roomId),
                    writer.accessToken(), reader.accessToken());

            assertThat(result.path("firstRecovered").asBoolean()).isFalse();
            assertThat(result.path("recovered").asBoolean()).as("session recovered").isTrue();
            List<Long> sent = longs(result.path("sent"));
            List<Long> received = longs(result.path("received"));
            assertThat(sent).hasSize(100);
            assertThat(received).as("every message once, in order").isEqualTo(sent);
            for (int i = 1; i < sent.size(); i++) assertThat(sent.get(i)).isEqualTo(sent.get(i - 1) + 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void aMemberRemovedWhileAwayGetsNothingOfTheRoomAfterRecovering(String database) throws Exception {
        try (TestDatabase db = database.equals("postgres") ? TestDatabase.postgres() : null;
             TestServer server = TestServer.start(db, Map.of())) {
            Account owner = Accounts.register(server.api(), "rev_o"), reader = Accounts.register(server.api(), "rev_r");
            long roomId = server.api().post("/api/rooms", Map.of("name", "Leaving", "memberIds", List.of(reader.id())),
                    owner.accessToken()).json().path("id").asLong();

            JsonNode result = NodeScripts.run("chat-recovery-revoked.mjs", server.baseUrl(), "removed",
                    String.valueOf(roomId), owner.accessToken(), reader.accessToken(), String.valueOf(reader.id()),
                    reader.refreshToken());

            assertThat(result.path("status").asInt()).isEqualTo(204);
            assertThat(result.path("outcome").asString()).isEqualTo("connected");
            assertThat(result.path("received").toString()).as("nothing after the removal, replayed or live")
                    .isEqualTo("[\"before\"]");
            assertThat(result.path("typing").size()).as("no typing of the room").isZero();
            assertThat(result.path("removed").toString()).as("told it was removed").isEqualTo("[" + roomId + "]");
            assertThat(server.api().get("/api/rooms/" + roomId + "/messages", reader.accessToken()).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aSignedOutSessionDoesNotResume() throws Exception {
        try (TestServer server = TestServer.start()) {
            Account owner = Accounts.register(server.api(), "so_o"), reader = Accounts.register(server.api(), "so_r");
            long roomId = server.api().post("/api/rooms", Map.of("name", "Out", "memberIds", List.of(reader.id())),
                    owner.accessToken()).json().path("id").asLong();

            JsonNode result = NodeScripts.run("chat-recovery-revoked.mjs", server.baseUrl(), "signed-out",
                    String.valueOf(roomId), owner.accessToken(), reader.accessToken(), String.valueOf(reader.id()),
                    reader.refreshToken());

            assertThat(result.path("status").asInt()).isEqualTo(204);
            assertThat(result.path("outcome").asString()).isEqualTo("error: unauthorized");
            assertThat(result.path("received").toString()).isEqualTo("[\"before\"]");
        }
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
