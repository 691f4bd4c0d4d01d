package org.parley.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.socketio.NodeScripts;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/** A browser-like client (socket.io-client) in a call loses its connection, recovers it, and stays in the call. */
class CallRejoinTest {

    @Test
    void aParticipantWhoseSocketRecoversWithinTheGraceStaysInTheCall() throws Exception {
        try (TestServer server = TestServer.start(null, Map.of("call-rejoin-grace", "1s"))) {
            Account ann = Accounts.register(server.api(), "rejoin_ann"), bob = Accounts.register(server.api(), "rejoin_bob");
            long roomId = server.api().post("/api/rooms/direct", Map.of("userId", bob.id()), ann.accessToken())
                    .json().path("id").asLong();

            JsonNode result = NodeScripts.run("call-rejoin.mjs", server.baseUrl(), String.valueOf(roomId),
                    ann.accessToken(), bob.accessToken(), "1000");

            assertThat(result.path("recovered").asBoolean()).as("session recovered").isTrue();
            String device = result.path("deviceBefore").asString();
            assertThat(result.path("deviceAfter").asString()).isEqualTo(device);
            assertThat(result.path("participants")).extracting(JsonNode::asString).hasSize(2).contains(device);
            for (JsonNode update : result.path("updates")) {
                assertThat(update).as("nobody was dropped").extracting(JsonNode::asString).contains(device);
            }
        }
    }
}
