package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.socketio.NodeScripts;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/** A browser-like client (socket.io-client 4.8) loses its connection during a burst and recovers it. */
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

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
