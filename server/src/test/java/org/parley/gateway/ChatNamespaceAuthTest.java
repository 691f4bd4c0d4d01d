package org.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.auth.Principal;
import org.parley.socketio.GatewayTestServer;
import org.parley.socketio.Inbox;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoConfig;

/** The chat namespace's token check, driven by the Java Socket.IO client (io.socket:socket.io-client 2.1). */
class ChatNamespaceAuthTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static GatewayTestServer server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = GatewayTestServer.socketIo(SocketIoConfig.defaults(), io -> {
            Namespace secure = io.namespace("/secure");
            new ChatNamespaceAuth(token -> "good".equals(token)
                    ? Optional.of(new Principal(7, "alice", "session-1"))
                    : Optional.empty()).install(secure);
            secure.on("me", (socket, args, ack) -> ack.send(ChatNamespaceAuth.principal(socket).username(),
                    socket.rooms().contains(ChatNamespaceAuth.userRoom(7))));
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

    private static Object[] call(Socket socket, String event, Object... args) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        socket.emit(event, args, (Ack) answer::complete);
        return answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void chatNamespaceRefusesMissingOrBadTokens() throws Exception {
        for (Map<String, String> auth : List.of(Map.<String, String>of(), Map.of("token", "bad"))) {
            IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"})
                    .setReconnection(false).setAuth(auth).build();
            Socket socket = connect("/secure", options);
            Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT_ERROR, Socket.EVENT_CONNECT);
            socket.connect();
            Object error = inbox.next(Socket.EVENT_CONNECT_ERROR, WAIT)[0];
            assertThat(((JSONObject) error).getString("message")).isEqualTo("unauthorized");
            assertThat(inbox.count(Socket.EVENT_CONNECT)).isZero();
        }
    }

    @Test
    void chatNamespaceAdmitsValidTokensIntoTheirUserRoom() throws Exception {
        IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"})
                .setAuth(Map.of("token", "good")).build();
        Socket socket = connect("/secure", options);
        Inbox inbox = new Inbox().listen(socket, Socket.EVENT_CONNECT);
        socket.connect();
        inbox.next(Socket.EVENT_CONNECT, WAIT);
        Object[] me = call(socket, "me");
        assertThat(me[0]).isEqualTo("alice");
        assertThat(me[1]).isEqualTo(true);
    }
}
