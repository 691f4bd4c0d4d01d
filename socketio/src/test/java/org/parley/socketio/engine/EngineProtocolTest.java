package org.parley.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.socketio.Waits.until;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.socketio.GatewayTestServer;
import org.parley.socketio.RawWebSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Engine.IO over real HTTP and WebSocket connections, including hostile input. */
class EngineProtocolTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALLOWED = "https://chat.example";
    private static final EngineEchoHandler ECHO = new EngineEchoHandler();
    private static GatewayTestServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        EngineConfig config = EngineConfig.defaults()
                .withAllowedOrigins(Set.of(ALLOWED))
                .withMaxPayload(10_000);
        server = GatewayTestServer.engineIo(config, ECHO);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url(String query) {
        return server.url() + "/engine.io/?" + query;
    }

    private static HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(query))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String query, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(query)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String open() throws Exception {
        HttpResponse<String> response = get("EIO=4&transport=polling");
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body().substring(1)).get("sid").stringValue();
    }

    private static String poll(String sid) throws Exception {
        HttpResponse<String> response = get("EIO=4&transport=polling&sid=" + sid);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void pollingHandshakeAnnouncesTheSessionAndItsLimits() throws Exception {
        HttpResponse<String> response = get("EIO=4&transport=polling");
        assertThat(response.body()).startsWith("0");
        JsonNode handshake = JsonMapper.shared().readTree(response.body().substring(1));
        assertThat(handshake.get("sid").stringValue()).hasSize(20);
        assertThat(handshake.get("upgrades").get(0).stringValue()).isEqualTo("websocket");
        assertThat(handshake.get("pingInterval").intValue()).isEqualTo(25_000);
        assertThat(handshake.get("pingTimeout").intValue()).isEqualTo(20_000);
        assertThat(handshake.get("maxPayload").intValue()).isEqualTo(10_000);
        assertThat(open()).isNotEqualTo(open());
    }

    @Test
    void badRequestsGet400() throws Exception {
        assertThat(get("transport=polling").statusCode()).isEqualTo(400);
        assertThat(get("EIO=3&transport=polling").statusCode()).isEqualTo(400);
        assertThat(get("EIO=4").statusCode()).isEqualTo(400);
        assertThat(get("EIO=4&transport=carrier-pigeon").statusCode()).isEqualTo(400);
        assertThat(get("EIO=4&transport=polling&sid=unknown").statusCode()).isEqualTo(400);
        assertThat(post("EIO=4&transport=polling", "4x".getBytes()).statusCode()).isEqualTo(400);
        assertThat(post("EIO=4&transport=polling&sid=unknown", "4x".getBytes()).statusCode()).isEqualTo(400);
    }

    @Test
    void echoesTextAndBinaryOverPolling() throws Exception {
        String sid = open();
        HttpResponse<String> pushed = post("EIO=4&transport=polling&sid=" + sid,
                "4héllo\u001ebAQIDBA==".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(pushed.statusCode()).isEqualTo(200);
        assertThat(pushed.body()).isEqualTo("ok");
        assertThat(poll(sid)).isEqualTo("4héllo\u001ebAQIDBA==");
    }

    @Test
    void invalidPacketClosesOnlyThatSession() throws Exception {
        String victim = open();
        String bystander = open();
        assertThat(post("EIO=4&transport=polling&sid=" + victim, "abc".getBytes()).statusCode()).isEqualTo(400);
        assertThat(get("EIO=4&transport=polling&sid=" + victim).statusCode()).isEqualTo(400);
        post("EIO=4&transport=polling&sid=" + bystander, "4still here".getBytes());
        assertThat(poll(bystander)).isEqualTo("4still here");
    }

    @Test
    void invalidUtf8BodyClosesTheSession() throws Exception {
        String sid = open();
        byte[] body = {'4', (byte) 0xC3, (byte) 0x28};
        assertThat(post("EIO=4&transport=polling&sid=" + sid, body).statusCode()).isEqualTo(400);
        assertThat(get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
    }

    @Test
    void oversizedPollingBodyIsRefusedAndEndsTheSession() throws Exception {
        String sid = open();
        byte[] body = ("4" + "x".repeat(10_000)).getBytes();
        assertThat(post("EIO=4&transport=polling&sid=" + sid, body).statusCode()).isEqualTo(413);
        assertThat(get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
        assertThat(open()).isNotBlank();
    }

    @Test
    void secondPendingPollEndsTheSession() throws Exception {
        String sid = open();
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(
                HttpRequest.newBuilder(URI.create(url("EIO=4&transport=polling&sid=" + sid))).build(),
                HttpResponse.BodyHandlers.ofString());
        until(WAIT, () -> {
            EngineSession session = server.engine().find(sid);
            return session != null && session.hasPendingPoll();
        });
        HttpResponse<String> second = get("EIO=4&transport=polling&sid=" + sid);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(first.get().body()).isEqualTo("1");
        assertThat(get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
    }

    @Test
    void clientCloseAnswersThePendingPollWithNoop() throws Exception {
        String sid = open();
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                HttpRequest.newBuilder(URI.create(url("EIO=4&transport=polling&sid=" + sid))).build(),
                HttpResponse.BodyHandlers.ofString());
        until(WAIT, () -> server.engine().find(sid).hasPendingPoll());
        assertThat(post("EIO=4&transport=polling&sid=" + sid, "1".getBytes()).statusCode()).isEqualTo(200);
        assertThat(pending.get().body()).isEqualTo("6");
        assertThat(get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
        until(WAIT, () -> ECHO.closes.contains(CloseReason.TRANSPORT_CLOSE));
    }

    @Test
    void corsAllowsListedOriginsAndRefusesOthers() throws Exception {
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create(url("EIO=4&transport=polling")))
                .header("Origin", ALLOWED).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url("EIO=4&transport=polling")))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(url("EIO=4&transport=polling")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED).header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type");

        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/engine.io/?EIO=4&transport=websocket", 0,
                "https://evil.example")) {
            assertThat(ws.status()).isEqualTo(403);
        }
    }

    @Test
    void webSocketSessionEchoesTextAndBinary() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/engine.io/?EIO=4&transport=websocket")) {
            assertThat(ws.status()).isEqualTo(101);
            JsonNode handshake = JsonMapper.shared().readTree(ws.readText(WAIT).substring(1));
            assertThat(handshake.get("upgrades").size()).isZero();
            ws.sendText("4héllo");
            assertThat(ws.readText(WAIT)).isEqualTo("4héllo");
            ws.sendBinary(new byte[] {1, 2, 3});
            RawWebSocket.Frame frame = ws.read(WAIT);
            assertThat(frame.opcode()).isEqualTo(2);
            assertThat(frame.payload()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void webSocketUpgradeRequestsAreValidated() throws Exception {
        for (String query : new String[] {"transport=websocket", "EIO=abc&transport=websocket", "EIO=4",
                "EIO=4&transport=websocket&sid=unknown"}) {
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/engine.io/?" + query)) {
                assertThat(ws.status()).as(query).isEqualTo(400);
            }
        }
    }

    @Test
    void hostileWebSocketInputClosesOnlyThatConnection() throws Exception {
        try (RawWebSocket bystander = RawWebSocket.connect(server.port(), "/engine.io/?EIO=4&transport=websocket")) {
            bystander.readText(WAIT);
            byte[][] attacks = {
                "abc".getBytes(),
                "0{}".getBytes(),
                "2ping".getBytes(),
                {'4', (byte) 0xC3, (byte) 0x28},
                ("4" + "x".repeat(10_001)).getBytes(),
            };
            for (byte[] attack : attacks) {
                try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/engine.io/?EIO=4&transport=websocket")) {
                    ws.readText(WAIT);
                    ws.sendFrame(1, attack);
                    assertThat(ws.awaitClosed(WAIT)).as(new String(attack, 0, Math.min(10, attack.length))).isTrue();
                }
            }
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/engine.io/?EIO=4&transport=websocket")) {
                ws.readText(WAIT);
                ws.sendFrame(2, new byte[10_001]);
                assertThat(ws.awaitClosed(WAIT)).isTrue();
            }
            bystander.sendText("4alive");
            assertThat(bystander.readText(WAIT)).isEqualTo("4alive");
        }
    }

    @Test
    void upgradesFromPollingToWebSocket() throws Exception {
        String sid = open();
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                HttpRequest.newBuilder(URI.create(url("EIO=4&transport=polling&sid=" + sid))).build(),
                HttpResponse.BodyHandlers.ofString());
        until(WAIT, () -> server.engine().find(sid).hasPendingPoll());
        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/engine.io/?EIO=4&transport=websocket&sid=" + sid)) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("2probe");
            assertThat(ws.readText(WAIT)).isEqualTo("3probe");
            assertThat(pending.get().body()).isEqualTo("6");
            ws.sendText("5");
            ws.sendText("4over websocket");
            assertThat(ws.readText(WAIT)).isEqualTo("4over websocket");
            assertThat(server.engine().find(sid).transportName()).isEqualTo("websocket");
            assertThat(get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
            try (RawWebSocket second = RawWebSocket.connect(server.port(),
                    "/engine.io/?EIO=4&transport=websocket&sid=" + sid)) {
                assertThat(second.awaitClosed(WAIT)).isTrue();
            }
            ws.sendText("4still upgraded");
            assertThat(ws.readText(WAIT)).isEqualTo("4still upgraded");
        }
    }

    @Test
    void failedProbeLeavesThePollingSessionWorking() throws Exception {
        String sid = open();
        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/engine.io/?EIO=4&transport=websocket&sid=" + sid)) {
            ws.sendText("4not a probe");
            assertThat(ws.awaitClosed(WAIT)).isTrue();
        }
        until(WAIT, () -> server.engine().find(sid).transportName().equals("polling")
                && !server.engine().find(sid).isUpgrading());
        post("EIO=4&transport=polling&sid=" + sid, "4polling again".getBytes());
        assertThat(poll(sid)).isEqualTo("4polling again");
        assertThat(server.registry().get("parley.gateway.upgrade.failures").counter().count()).isPositive();
    }

    @Test
    void countsPacketsAndConnectionsByTransport() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/engine.io/?EIO=4&transport=websocket")) {
            ws.readText(WAIT);
            until(WAIT, () -> server.registry().get("parley.gateway.connections")
                    .tag("transport", "websocket").gauge().value() >= 1);
            double before = server.registry().get("parley.gateway.packets").tag("direction", "in").counter().count();
            ws.sendText("4count me");
            ws.readText(WAIT);
            assertThat(server.registry().get("parley.gateway.packets").tag("direction", "in").counter().count())
                    .isGreaterThan(before);
            assertThat(server.registry().get("parley.gateway.bytes").tag("direction", "out").counter().count())
                    .isPositive();
        }
    }
}
