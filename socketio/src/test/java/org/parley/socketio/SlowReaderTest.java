package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.socketio.Waits.until;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.parley.socketio.engine.CloseReason;

/**
 * A client that stops reading fills its own bounded queue and is disconnected; the other sockets of
 * the room keep receiving every broadcast.
 */
class SlowReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void slowReaderIsCutOffWhileTheRoomKeepsReceiving() throws Exception {
        Map<String, DisconnectReason> reasons = new ConcurrentHashMap<>();
        SocketIoConfig config = SocketIoConfig.defaults().withEngine(SocketIoConfig.defaults().engine()
                .withQueueBounds(64, 256 * 1024));
        try (GatewayTestServer server = GatewayTestServer.socketIo(config, io -> {
            Namespace main = io.namespace("/");
            main.on("join", (socket, args, ack) -> {
                socket.join("room");
                ack.send("joined");
            });
            main.onDisconnect((socket, reason) -> reasons.put(socket.id(), reason));
        })) {
            Namespace main = server.io().namespace("/");

            RawWebSocket slow = RawWebSocket.connect(server.port(), "/socket.io/?EIO=4&transport=websocket", 4096, null);
            slow.readText(WAIT);
            slow.sendText("40");
            String connected = slow.readText(WAIT);
            assertThat(connected).startsWith("40{\"sid\":\"");
            String slowId = connected.substring(10, 30);
            slow.sendText("421[\"join\"]");
            assertThat(slow.readText(WAIT)).isEqualTo("431[\"joined\"]");

            List<List<Integer>> received = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            List<Socket> fast = List.of(fastReader(server, received.get(0)), fastReader(server, received.get(1)));
            try {
                String payload = "x".repeat(16 * 1024);
                int sent = 0;
                while (reasons.get(slowId) == null && sent < 4_000) {
                    for (int i = 0; i < 8; i++, sent++) {
                        main.to("room").emit("news", sent, payload);
                    }
                    int expected = sent;
                    until(WAIT, () -> received.get(0).size() == expected && received.get(1).size() == expected);
                }
                until(WAIT, () -> reasons.get(slowId) != null);
                assertThat(reasons.get(slowId)).isEqualTo(DisconnectReason.of(CloseReason.QUEUE_OVERFLOW));
                assertThat(server.engine().metrics().queueOverflowCount()).isEqualTo(1);
                for (List<Integer> numbers : received) {
                    assertThat(numbers).hasSize(sent);
                    assertThat(numbers.getLast()).isEqualTo(sent - 1);
                }
                assertThat(fast).allMatch(Socket::connected);
                assertThat(slow.awaitClosed(WAIT)).as("the slow reader's connection ends").isTrue();
            } finally {
                fast.forEach(Socket::close);
                slow.close();
            }
        }
    }

    private static Socket fastReader(GatewayTestServer server, List<Integer> received) throws Exception {
        IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"}).build();
        options.forceNew = true;
        Socket socket = IO.socket(URI.create(server.url()), options);
        socket.on("news", args -> received.add((Integer) args[0]));
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT);
        socket.connect();
        inbox.next(Socket.EVENT_CONNECT, WAIT);
        java.util.concurrent.CompletableFuture<Object[]> joined = new java.util.concurrent.CompletableFuture<>();
        socket.emit("join", new Object[0], (io.socket.client.Ack) joined::complete);
        joined.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        return socket;
    }
}
