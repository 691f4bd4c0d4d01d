package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.socketio.Waits.until;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.socketio.engine.CloseReason;

/** The server driven by the Java Socket.IO client (io.socket:socket.io-client 2.1). */
class JavaClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, SocketIoSocket> SERVER_SOCKETS = new ConcurrentHashMap<>();
    private static final List<CompletableFuture<EventArgs>> SERVER_ACKS = new CopyOnWriteArrayList<>();
    private static GatewayTestServer server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = GatewayTestServer.socketIo(SocketIoConfig.defaults(), io -> {
            Namespace main = io.namespace("/");
            main.onConnection(socket -> SERVER_SOCKETS.put(socket.id(), socket));
            main.on("echo", (socket, args, ack) -> socket.emit("echo-back", args.asList().toArray()));
            main.on("echo-ack", (socket, args, ack) -> ack.send(args.asList().toArray()));
            main.on("ask-me", (socket, args, ack) -> SERVER_ACKS.add(
                    socket.emitWithAck("question", Duration.ofMillis(args.get(0).asLong()), "ping?")));
            main.on("whoami", (socket, args, ack) -> ack.send(socket.id(), socket.transport()));
            Namespace guarded = io.namespace("/guarded");
            guarded.use(socket -> {
                if (!"secret".equals(socket.handshake().authString("token"))) {
                    throw new ConnectionRefusedException("unauthorized");
                }
                socket.attributes().put("signedIn", true);
            });
            guarded.onConnection(socket -> socket.attributes().put("tokenAtConnection", socket.handshake().authString("token")));
            guarded.on("credentials", (socket, args, ack) -> ack.send(
                    String.valueOf(socket.attributes().get("tokenAtConnection")), socket.handshake().auth().size(),
                    socket.attribute("signedIn", Boolean.class).orElse(false)));
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void disconnectClients() {
        clients.forEach(Socket::close);
    }

    private Socket connect(String namespace, IO.Options options) {
        options.forceNew = true;
        options.reconnectionDelay = 100;
        options.reconnectionDelayMax = 500;
        Socket socket = IO.socket(URI.create(server.url() + namespace), options);
        clients.add(socket);
        return socket;
    }

    private static IO.Options transports(String... names) {
        return IO.Options.builder().setTransports(names).build();
    }

    private static Object[] call(Socket socket, String event, Object... args) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        socket.emit(event, args, (Ack) answer::complete);
        return answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void awaitConnected(Socket socket, Inbox inbox) throws InterruptedException {
        socket.connect();
        inbox.next(Socket.EVENT_CONNECT, WAIT);
    }

    @Test
    void websocketOnlyClientExchangesEvents() throws Exception {
        Socket socket = connect("/", transports("websocket"));
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT, "echo-back");
        awaitConnected(socket, inbox);
        assertThat(call(socket, "whoami")[1]).isEqualTo("websocket");
        socket.emit("echo", "hello", 42, new JSONObject("{\"nested\":[true]}"));
        Object[] back = inbox.next("echo-back", WAIT);
        assertThat(back[0]).isEqualTo("hello");
        assertThat(back[1]).isEqualTo(42);
        assertThat(((JSONObject) back[2]).getJSONArray("nested").getBoolean(0)).isTrue();
    }

    @Test
    void theCredentialIsSeenByMiddlewareAndConnectionHandlersButNotKeptAfterwards() throws Exception {
        IO.Options options = transports("websocket");
        options.auth = Map.of("token", "secret");
        Socket socket = connect("/guarded", options);
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT);
        awaitConnected(socket, inbox);
        Object[] seen = call(socket, "credentials");
        assertThat(seen[0]).isEqualTo("secret");
        assertThat(seen[1]).isEqualTo(0);
        assertThat(seen[2]).isEqualTo(true);
    }

    @Test
    void pollingOnlyClientExchangesTextAndBinary() throws Exception {
        Socket socket = connect("/", transports("polling"));
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT, "echo-back");
        awaitConnected(socket, inbox);
        assertThat(call(socket, "whoami")[1]).isEqualTo("polling");
        socket.emit("echo", "over polling", new byte[] {1, 2, 3, (byte) 255});
        Object[] back = inbox.next("echo-back", WAIT);
        assertThat(back[0]).isEqualTo("over polling");
        assertThat((byte[]) back[1]).containsExactly(1, 2, 3, (byte) 255);
    }

    @Test
    void pollingClientUpgradesToWebSocket() throws Exception {
        Socket socket = connect("/", new IO.Options());
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT, "echo-back");
        awaitConnected(socket, inbox);
        String id = (String) call(socket, "whoami")[0];
        until(WAIT, () -> SERVER_SOCKETS.get(id).transport().equals("websocket"));
        socket.emit("echo", "after upgrade");
        assertThat(inbox.next("echo-back", WAIT)[0]).isEqualTo("after upgrade");
    }

    @Test
    void binaryPayloadsTravelBothWaysWithAcks() throws Exception {
        Socket socket = connect("/", transports("websocket"));
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT);
        awaitConnected(socket, inbox);
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        Object[] answer = call(socket, "echo-ack", "file", big, new byte[0]);
        assertThat(answer[0]).isEqualTo("file");
        assertThat((byte[]) answer[1]).isEqualTo(big);
        assertThat((byte[]) answer[2]).isEmpty();
    }

    @Test
    void serverWaitsForClientAcknowledgements() throws Exception {
        Socket socket = connect("/", transports("websocket"));
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT);
        socket.on("question", args -> ((Ack) args[args.length - 1]).call("pong!", args[0]));
        awaitConnected(socket, inbox);
        SERVER_ACKS.clear();
        socket.emit("ask-me", 5_000);
        until(WAIT, () -> !SERVER_ACKS.isEmpty());
        EventArgs answer = SERVER_ACKS.getFirst().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.string(0)).isEqualTo("pong!");
        assertThat(answer.string(1)).isEqualTo("ping?");
    }

    @Test
    void serverAcknowledgementTimesOut() throws Exception {
        Socket socket = connect("/", transports("websocket"));
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT, "question");
        awaitConnected(socket, inbox);
        SERVER_ACKS.clear();
        socket.emit("ask-me", 200);
        inbox.next("question", WAIT);
        until(WAIT, () -> !SERVER_ACKS.isEmpty());
        assertThatThrownBy(() -> SERVER_ACKS.getFirst().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AckTimeoutException.class);
    }

    /**
     * The Java client ignores a server's WebSocket close frame and notices a dead transport only
     * by the missing heartbeat, so this server pings often.
     */
    @Test
    void clientReconnectsAfterTheTransportIsCut() throws Exception {
        Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();
        SocketIoConfig quickHeartbeat = SocketIoConfig.defaults().withEngine(SocketIoConfig.defaults().engine()
                .withHeartbeat(Duration.ofMillis(300), Duration.ofMillis(600)));
        try (GatewayTestServer local = GatewayTestServer.socketIo(quickHeartbeat, io -> {
            io.namespace("/").onConnection(socket -> sockets.put(socket.id(), socket));
            io.namespace("/").on("whoami", (socket, args, ack) -> ack.send(socket.id()));
            io.namespace("/").on("echo", (socket, args, ack) -> socket.emit("echo-back", args.asList().toArray()));
        })) {
            IO.Options options = transports("websocket");
            options.forceNew = true;
            options.reconnectionDelay = 100;
            options.reconnectionDelayMax = 500;
            Socket socket = IO.socket(URI.create(local.url()), options);
            clients.add(socket);
            Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT, Socket.EVENT_DISCONNECT, "echo-back");
            awaitConnected(socket, inbox);
            String first = (String) call(socket, "whoami")[0];
            sockets.get(first).client().session().close(CloseReason.TRANSPORT_CLOSE);
            assertThat(inbox.next(Socket.EVENT_DISCONNECT, WAIT)).isNotEmpty();
            inbox.next(Socket.EVENT_CONNECT, WAIT);
            String second = (String) call(socket, "whoami")[0];
            assertThat(second).isNotEqualTo(first);
            socket.emit("echo", "back again");
            assertThat(inbox.next("echo-back", WAIT)[0]).isEqualTo("back again");
            assertThat(sockets.get(first).connected()).isFalse();
        }
    }
}
