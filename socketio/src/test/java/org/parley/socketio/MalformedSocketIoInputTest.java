package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Every kind of malformed Socket.IO input closes the offending connection and nothing else. */
class MalformedSocketIoInputTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static GatewayTestServer server;

    @BeforeAll
    static void start() {
        server = GatewayTestServer.socketIo(SocketIoConfig.defaults(), io -> {
            io.namespace("/").on("echo", (socket, args, ack) -> ack.send(args.asList().toArray()));
            io.namespace("/other");
        });
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

    private static void assertEchoes(RawWebSocket ws, String marker) throws Exception {
        ws.sendText("427[\"echo\",\"" + marker + "\"]");
        assertThat(ws.readText(WAIT)).isEqualTo("437[\"" + marker + "\"]");
    }

    @Test
    void malformedTextPacketsCloseOnlyTheirConnection() throws Exception {
        List<String> attacks = List.of(
                "4abc",                                              // unknown packet type
                "49[\"x\"]",                                         // unknown packet type
                "42{}",                                              // payload not an array
                "42abc[\"echo\",1]",                                 // invalid ack id
                "4299999999999999999[\"echo\"]",                     // ack id out of range
                "42[\"echo\"",                                       // truncated
                "42[\"echo\", 1e999999999999999999999999999999999999999999999999999999999999999999999]",
                "42[\"echo\"," + "[".repeat(500) + "]".repeat(500) + "]", // deep nesting
                "42[\"disconnect\"]",                                // reserved name
                "44{\"message\":\"from a client\"}",                 // CONNECT_ERROR from a client
                "42/other,[\"echo\"]",                               // namespace never joined
                "411-[\"echo\",{\"_placeholder\":true,\"num\":0}]",   // too many attachments
                "4",                                                 // empty Socket.IO packet
                "43[\"no ack id\"]");                                // ack without id
        try (RawWebSocket bystander = connected()) {
            for (String attack : attacks) {
                try (RawWebSocket ws = connected()) {
                    ws.sendText(attack);
                    assertThat(ws.awaitClosed(WAIT)).as(attack.substring(0, Math.min(attack.length(), 40))).isTrue();
                }
            }
            assertEchoes(bystander, "still served");
        }
    }

    @Test
    void attachmentAbuseClosesTheConnection() throws Exception {
        try (RawWebSocket bystander = connected()) {
            try (RawWebSocket ws = connected()) {
                ws.sendText("451-[\"echo\",{\"_placeholder\":true,\"num\":3}]");
                ws.sendBinary(new byte[] {1});
                assertThat(ws.awaitClosed(WAIT)).isTrue();
            }
            try (RawWebSocket ws = connected()) {
                ws.sendText("452-[\"echo\",{\"_placeholder\":true,\"num\":0}]");
                ws.sendBinary(new byte[] {1});
                ws.sendText("42[\"echo\"]");
                assertThat(ws.awaitClosed(WAIT)).as("text while attachments are pending").isTrue();
            }
            try (RawWebSocket ws = connected()) {
                ws.sendBinary(new byte[] {1, 2, 3});
                assertThat(ws.awaitClosed(WAIT)).as("attachment without a header").isTrue();
            }
            try (RawWebSocket ws = connected()) {
                ws.sendFrame(1, new byte[] {'4', '2', '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'});
                assertThat(ws.awaitClosed(WAIT)).as("invalid UTF-8").isTrue();
            }
            try (RawWebSocket ws = connected()) {
                try {
                    ws.sendBinary(new byte[2_000_000]);
                } catch (java.net.SocketException closedWhileSending) {
                    // the server may close the connection before the whole frame is written: that is the refusal
                }
                assertThat(ws.awaitClosed(WAIT)).as("frame over maxPayload").isTrue();
            }
            assertEchoes(bystander, "binary abuse survived");
        }
    }

    @Test
    void packetsBeforeConnectCloseTheConnection() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/socket.io/?EIO=4&transport=websocket")) {
            ws.readText(WAIT);
            ws.sendText("42[\"echo\",\"too early\"]");
            assertThat(ws.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void malformedPollingPacketClosesThatSession() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = server.url() + "/socket.io/?EIO=4&transport=polling";
        String open = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String sid = JsonMapper.shared().readTree(open.substring(1)).get("sid").stringValue();
        String session = base + "&sid=" + sid;
        HttpResponse<String> connect = http.send(HttpRequest.newBuilder(URI.create(session))
                .POST(HttpRequest.BodyPublishers.ofString("40")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connect.statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(session)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).startsWith("40{\"sid\"");
        http.send(HttpRequest.newBuilder(URI.create(session)).POST(HttpRequest.BodyPublishers.ofString("42{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(http.send(HttpRequest.newBuilder(URI.create(session)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    }

    @Test
    void connectionThatJoinsNoNamespaceIsClosedAfterConnectTimeout() throws Exception {
        SocketIoConfig quick = SocketIoConfig.defaults().withConnectTimeout(Duration.ofMillis(300));
        try (GatewayTestServer local = GatewayTestServer.socketIo(quick, io -> io.namespace("/"));
                RawWebSocket ws = RawWebSocket.connect(local.port(), "/socket.io/?EIO=4&transport=websocket")) {
            ws.readText(WAIT);
            assertThat(ws.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void unknownNamespaceIsRefusedWithoutClosing() throws Exception {
        try (RawWebSocket ws = connected()) {
            ws.sendText("40/nowhere,");
            assertThat(ws.readText(WAIT)).isEqualTo("44/nowhere,{\"message\":\"Invalid namespace\"}");
            assertEchoes(ws, "main namespace still works");
        }
    }
}
