package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.socketio.engine.CloseReason;
import tools.jackson.databind.JsonNode;

/** The server driven by socket.io-client 4.8 on Node.js, the client of the web app. */
class NodeClientTest {

    private static GatewayTestServer server;

    @BeforeAll
    static void start() {
        server = GatewayTestServer.socketIo(SocketIoConfig.defaults(), io -> {
            Namespace main = io.namespace("/");
            main.on("echo-ack", (socket, args, ack) -> ack.send(args.asList().toArray()));
            main.on("ask-me", (socket, args, ack) -> socket
                    .emitWithAck("question", Duration.ofMillis(args.get(0).asLong()), "what?")
                    .thenAccept(answer -> socket.emit("answer-was", answer.string(0),
                            answer.bytes(1) == null ? -1 : answer.bytes(1).length)));
            main.on("join", (socket, args, ack) -> {
                socket.join(args.string(0));
                ack.send();
            });
            main.on("say", (socket, args, ack) -> {
                main.to(args.string(0)).except(socket.id()).emit("room-message", args.string(1));
                ack.send();
            });
            main.on("cut-my-transport", (socket, args, ack) ->
                    socket.client().session().close(CloseReason.TRANSPORT_CLOSE));
            main.on("flood", (socket, args, ack) -> {
                for (int i = 0; i < args.get(1).asInt(); i++) {
                    main.to(args.string(0)).emit("busy-message", i);
                }
                ack.send();
            });

            Namespace guarded = io.namespace("/guarded");
            guarded.recoveryFilter((socket, saved) -> {
                if ("refuse".equals(socket.handshake().authString("token"))) {
                    throw new ConnectionRefusedException("session ended");
                }
                return saved.stream().filter(room -> !room.startsWith("gone-")).collect(Collectors.toSet());
            });
            guarded.use(socket -> socket.attributes().put("user", "reader"));
            guarded.on("join", (socket, args, ack) -> {
                socket.join(args.string(0));
                ack.send();
            });
            guarded.on("say", (socket, args, ack) -> {
                guarded.to(args.string(0)).except(socket.id()).emit("room-message", args.string(1));
                ack.send();
            });
            guarded.on("cut-my-transport", (socket, args, ack) ->
                    socket.client().session().close(CloseReason.TRANSPORT_CLOSE));

            io.namespace("/secure").use(socket -> {
                if (!"valid".equals(socket.handshake().authString("token"))) {
                    throw new ConnectionRefusedException("unauthorized");
                }
            });
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void javascriptClientWorksOverEveryTransport() throws Exception {
        JsonNode result = NodeScripts.run("basics.mjs", server.url());
        for (String mode : List.of("websocket", "polling", "upgraded")) {
            JsonNode exchange = result.get(mode);
            assertThat(exchange.get("transport").stringValue()).as(mode)
                    .isEqualTo(mode.equals("polling") ? "polling" : "websocket");
            assertThat(exchange.get("echoedText").stringValue()).isEqualTo("text");
            assertThat(exchange.get("echoedBytes").toString()).isEqualTo("[0,1,2,254,255]");
            assertThat(exchange.get("echoedObject").toString()).isEqualTo("{\"nested\":[1,\"two\"]}");
            assertThat(exchange.get("question").stringValue()).isEqualTo("what?");
            assertThat(exchange.get("serverGot").toString()).isEqualTo("[\"answer\",2]");
        }
        assertThat(result.get("noToken").stringValue()).isEqualTo("unauthorized");
        assertThat(result.get("badToken").stringValue()).isEqualTo("unauthorized");
    }

    @Test
    void cutTransportIsRecoveredWithTheMissedRoomBroadcasts() throws Exception {
        JsonNode result = NodeScripts.run("recovery.mjs", server.url());
        assertThat(result.get("firstRecovered").booleanValue()).isFalse();
        assertThat(result.get("disconnectReason").stringValue()).isEqualTo("transport close");
        assertThat(result.get("recovered").booleanValue()).isTrue();
        assertThat(result.get("sameId").booleanValue()).isTrue();
        assertThat(result.get("received").toString())
                .isEqualTo("[\"before\",\"missed-1\",\"missed-2\",\"after\"]");
    }

    @Test
    void aFloodInABusyRoomDoesNotCostAQuietRoomItsRecovery() throws Exception {
        int beyondWhatARoomKeeps = SocketIoConfig.defaults().recovery().maxPacketsPerRoom() + 100;
        JsonNode result = NodeScripts.run("recovery-busy-room.mjs", server.url(), String.valueOf(beyondWhatARoomKeeps));
        assertThat(result.get("quietRecovered").booleanValue()).isTrue();
        assertThat(result.get("received").toString()).isEqualTo("[\"before\",\"missed\",\"after\"]");
        assertThat(result.get("bothRecovered").booleanValue())
                .as("the busy room no longer holds all it missed").isFalse();
    }

    @Test
    void recoveryFilterDecidesWhichRoomsComeBackAndNothingOfTheOthersIsDelivered() throws Exception {
        JsonNode result = NodeScripts.run("recovery-filter.mjs", server.url() + "/guarded");
        assertThat(result.get("recovered").booleanValue()).isTrue();
        assertThat(result.get("received").toString())
                .as("nothing of the room left out, neither replayed nor later")
                .isEqualTo("[\"kept before\",\"kept missed\",\"kept after\"]");
        assertThat(result.get("refused").stringValue()).isEqualTo("session ended");
    }
}
