package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.socketio.engine.ClientKey;
import org.parley.socketio.engine.EngineConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client may hold only so many sessions that never joined a namespace; joining or closing
 * frees its place, and other clients are not affected.
 */
class PendingSessionLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newHttpClient();
    private GatewayTestServer server;

    @BeforeEach
    void start() {
        // the test tells clients apart by a header, as a proxy-aware key would by X-Forwarded-For
        ClientKey byHeader = r -> r.headers().getOrDefault("X-Client", r.remoteAddress());
        EngineConfig engine = EngineConfig.defaults().withPendingLimit(3, byHeader);
        server = GatewayTestServer.socketIo(SocketIoConfig.defaults().withEngine(engine), io -> io.namespace("/"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> handshake(String client) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/socket.io/?EIO=4&transport=polling"))
                .header("X-Client", client).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sid(HttpResponse<String> open) {
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(open.body().substring(1)).get("sid").stringValue();
    }

    private void post(String sid, String payload) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/socket.io/?EIO=4&transport=polling&sid=" + sid)).POST(HttpRequest.BodyPublishers.ofString(payload))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private String poll(String sid) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aClientAtItsLimitIsRefusedUntilOneOfItsSessionsJoinsOrCloses() throws Exception {
        String first = sid(handshake("a"));
        String second = sid(handshake("a"));
        sid(handshake("a"));

        HttpResponse<String> refused = handshake("a");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("{\"code\":3,\"message\":\"Too many pending sessions\"}");
        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/socket.io/?EIO=4&transport=websocket")) {
            // no X-Client header: the key falls back to the peer address, a client of its own
            assertThat(ws.status()).as("another client").isEqualTo(101);
        }
        assertThat(sid(handshake("b"))).as("another client is not affected").isNotBlank();
        assertThat(server.registry().counter("parley.gateway.handshakes.refused", "endpoint", "/socket.io/").count())
                .isEqualTo(1.0);

        post(first, "40");
        assertThat(poll(first)).startsWith("40{\"sid\"");
        String fourth = sid(handshake("a"));
        assertThat(handshake("a").statusCode()).as("the joined session no longer counts, the new one does").isEqualTo(429);

        post(second, "1");
        assertThat(sid(handshake("a"))).as("a closed session frees its place").isNotEqualTo(fourth);
        assertThat(server.io().findNamespace("/").orElseThrow().sockets().size())
                .as("the joined session is still connected").isEqualTo(1);
    }

    @Test
    void aWebSocketHandshakePastTheLimitIsRefusedBeforeTheUpgrade() throws Exception {
        EngineConfig engine = EngineConfig.defaults().withPendingLimit(1, ClientKey.PEER_ADDRESS);
        try (GatewayTestServer one = GatewayTestServer.socketIo(SocketIoConfig.defaults().withEngine(engine),
                io -> io.namespace("/"));
             RawWebSocket held = RawWebSocket.connect(one.port(), "/socket.io/?EIO=4&transport=websocket")) {
            assertThat(held.status()).isEqualTo(101);
            held.readText(WAIT);
            try (RawWebSocket refused = RawWebSocket.connect(one.port(), "/socket.io/?EIO=4&transport=websocket")) {
                assertThat(refused.status()).isEqualTo(429);
            }
            held.sendText("40");
            assertThat(held.readText(WAIT)).startsWith("40{\"sid\"");
            // the CONNECT answer can reach the client a moment before the server stops counting the session
            int status = 0;
            for (long until = System.nanoTime() + WAIT.toNanos(); status != 101 && System.nanoTime() < until; ) {
                try (RawWebSocket admitted = RawWebSocket.connect(one.port(), "/socket.io/?EIO=4&transport=websocket")) {
                    status = admitted.status();
                }
                if (status != 101) Thread.sleep(20);
            }
            assertThat(status).as("the first signed in, so there is room again").isEqualTo(101);
        }
    }

    @Test
    void aWebSocketUpgradeMakesNoCookieAndItsClientKeySeesEveryForwardedHop() throws Exception {
        ClientKey byForwardedFor = r -> r.header("X-Forwarded-For");
        EngineConfig engine = EngineConfig.defaults().withPendingLimit(1, byForwardedFor);
        try (GatewayTestServer one = GatewayTestServer.socketIo(SocketIoConfig.defaults().withEngine(engine),
                io -> io.namespace("/"));
             RawWebSocket held = RawWebSocket.connect(one.port(), "/socket.io/?EIO=4&transport=websocket", 0, null,
                     "X-Forwarded-For: 10.0.0.1\r\nX-Forwarded-For: 10.0.0.2\r\n")) {
            assertThat(held.status()).isEqualTo(101);
            assertThat(held.head().toLowerCase(java.util.Locale.ROOT)).as("no HTTP session for a socket").doesNotContain("set-cookie");
            held.readText(WAIT);
            try (RawWebSocket sameHops = RawWebSocket.connect(one.port(), "/socket.io/?EIO=4&transport=websocket", 0, null,
                    "X-Forwarded-For: 10.0.0.1, 10.0.0.2\r\n")) {
                assertThat(sameHops.status()).as("both headers' hops, in order, make the key").isEqualTo(429);
                assertThat(sameHops.head()).contains("X-Content-Type-Options: nosniff");
            }
            try (RawWebSocket other = RawWebSocket.connect(one.port(), "/socket.io/?EIO=4&transport=websocket", 0, null,
                    "X-Forwarded-For: 10.0.0.2\r\n")) {
                assertThat(other.status()).isEqualTo(101);
            }
        }
    }
}
