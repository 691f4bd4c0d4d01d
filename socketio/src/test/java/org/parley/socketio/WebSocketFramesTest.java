package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket framing the server must accept from any client: fragmented messages and pings. */
class WebSocketFramesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CONTINUATION = 0, TEXT = 1, BINARY = 2, PING = 9, PONG = 10;
    private static GatewayTestServer server;

    @BeforeAll
    static void start() {
        server = GatewayTestServer.socketIo(SocketIoConfig.defaults(),
                io -> io.namespace("/").on("echo", (socket, args, ack) -> ack.send(args.asList().toArray())));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawWebSocket connected() throws Exception {
        RawWebSocket ws = RawWebSocket.connect(server.port(), "/socket.io/?EIO=4&transport=websocket");
        ws.readText(WAIT);
        ws.sendText("40");
        assertThat(ws.readText(WAIT)).startsWith("40{\"sid\"");
        return ws;
    }

    @Test
    void aTextMessageInFragmentsArrivesWhole() throws Exception {
        try (RawWebSocket ws = connected()) {
            byte[] message = "421[\"echo\",\"grüße\"]".getBytes(StandardCharsets.UTF_8);
            int split = "421[\"echo\",\"gr".length() + 1; // inside the two bytes of ü
            ws.sendFrame(TEXT, false, Arrays.copyOfRange(message, 0, 5));
            ws.sendFrame(CONTINUATION, false, Arrays.copyOfRange(message, 5, split));
            ws.sendFrame(CONTINUATION, true, Arrays.copyOfRange(message, split, message.length));
            assertThat(ws.readText(WAIT)).isEqualTo("431[\"grüße\"]");
        }
    }

    @Test
    void aBinaryAttachmentInFragmentsArrivesWhole() throws Exception {
        try (RawWebSocket ws = connected()) {
            ws.sendText("451-2[\"echo\",{\"_placeholder\":true,\"num\":0}]");
            ws.sendFrame(BINARY, false, new byte[] {1, 2});
            ws.sendFrame(CONTINUATION, true, new byte[] {3});
            assertThat(ws.readText(WAIT)).isEqualTo("461-2[{\"_placeholder\":true,\"num\":0}]");
            assertThat(ws.read(WAIT).payload()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aPingIsAnsweredWithItsPayloadAndTheConnectionGoesOn() throws Exception {
        try (RawWebSocket ws = connected()) {
            ws.sendFrame(PING, new byte[] {'h', 'i'});
            RawWebSocket.Frame pong = ws.read(WAIT);
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.payload()).containsExactly('h', 'i');
            ws.sendFrame(PONG, new byte[0]); // unsolicited: ignored
            ws.sendText("422[\"echo\",1]");
            assertThat(ws.readText(WAIT)).isEqualTo("432[1]");
        }
    }
}
