package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.gateway.ClientEvent;
import org.parley.testkit.Accounts;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The chat namespace answers every {@link ClientEvent}: an event without a handler would get no
 * ack at all, so each one, sent with an empty payload, must be acked ({@code ok} or an error).
 */
class ClientEventHandlersTest {

    @Test
    void everyClientEventHasAHandler() {
        try (TestServer server = TestServer.start()) {
            var who = Accounts.register(server.api(), "handlers");
            try (ChatSocket socket = ChatSocket.connect(server.baseUrl(), who.accessToken())) {
                for (ClientEvent event : ClientEvent.values()) {
                    JsonNode ack = socket.call(event.wire(), Map.of());
                    assertThat(ack.has("ok") || ack.has("error")).as(event.wire() + " acked " + ack).isTrue();
                }
            }
        }
    }
}
