package org.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TcpProxy;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * A node whose PostgreSQL goes away (a proxy between them is cut, the server itself is left
 * alone): sends over the socket and over REST are refused with {@code unavailable} long before a
 * client would give up waiting for the ack, a socket that connects meanwhile is refused rather
 * than admitted deaf, and once the database is back everything works again. PostgreSQL only: an
 * SQLite file cannot become unreachable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {
    /** What a client waits for an ack before it gives up (the web app's timeout). */
    private static final long CLIENT_ACK_TIMEOUT_MILLIS = 15_000;

    private final TestDatabase database = TestDatabase.postgres();
    private final TcpProxy proxy = TcpProxy.to(database.address().getHostString(), database.address().getPort());
    private final TestServer server = TestServer.start(database.through(proxy),
            Map.of("message-burst", "1000", "messages-per-minute", "6000"));
    private final ApiClient api = server.api();
    private final Accounts.Account alice = Accounts.register(api, "alice");
    private final Accounts.Account bob = Accounts.register(api, "bob");
    private final long roomId = api.post("/api/rooms", Map.of("name", "Outage", "memberIds", List.of(bob.id())),
            alice.accessToken()).json().path("id").asLong();

    @AfterEach
    void bringTheDatabaseBack() {
        proxy.restore();
    }

    @AfterAll
    void stop() {
        server.close();
        proxy.close();
        database.close();
    }

    @Test
    void sendsAreRefusedAsUnavailableAtOnceWhileTheDatabaseIsDown() throws Exception {
        try (ChatSocket socket = ChatSocket.connect(server.baseUrl(), alice.accessToken())) {
            long lastSeq = lastSeq(); // and the session is checked now, so REST reaches the send itself
            proxy.cut();
            long start = System.nanoTime();
            List<Future<JsonNode>> acks = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 20; i++) {
                    String clientId = "outage-" + i;
                    acks.add(pool.submit(() -> socket.call("send_message",
                            Map.of("roomId", roomId, "content", "lost?", "clientId", clientId))));
                }
            }
            var rest = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "over REST", "clientId", "rest-1"),
                    alice.accessToken());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            for (var ack : acks) {
                assertThat(ack.get().path("error").path("code").asString()).as(ack.get().toString()).isEqualTo("unavailable");
            }
            assertThat(rest.status()).as(rest.text()).isEqualTo(503);
            assertThat(rest.errorCode()).isEqualTo("unavailable");
            assertThat(tookMillis).as("every sender heard within %d ms", tookMillis).isLessThan(CLIENT_ACK_TIMEOUT_MILLIS / 3);

            proxy.restore();
            JsonNode sent = sendUntilStored(socket, "outage-0");
            assertThat(sent.path("ok").path("content").asString()).isEqualTo("lost?");
            assertThat(sent.path("ok").path("seq").asLong()).as("nothing was stored while it was down").isEqualTo(lastSeq + 1);
        }
    }

    @Test
    void sendsAreRefusedAsUnavailableBeforeTheClientGivesUpWhileTheDatabaseNeverAnswers() throws Exception {
        try (ChatSocket socket = ChatSocket.connect(server.baseUrl(), alice.accessToken())) {
            long lastSeq = lastSeq();
            proxy.hang();
            long start = System.nanoTime();
            JsonNode ack = socket.call("send_message", Map.of("roomId", roomId, "content", "into the void", "clientId", "hung-1"));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(ack.path("error").path("code").asString()).as(ack.toString()).isEqualTo("unavailable");
            assertThat(tookMillis).as("heard within %d ms", tookMillis).isLessThan(CLIENT_ACK_TIMEOUT_MILLIS / 2);

            proxy.restore();
            JsonNode sent = sendUntilStored(socket, "hung-1");
            assertThat(sent.path("ok").path("seq").asLong()).isEqualTo(lastSeq + 1);
        }
    }

    @Test
    void aSocketConnectingWhileTheDatabaseIsDownIsRefusedAndConnectsOnceItIsBack() {
        Accounts.Account carol = Accounts.register(api, "carol"); // her session has never been checked
        ChatSocket.connect(server.baseUrl(), bob.accessToken()).close(); // his was just checked, and is cached
        proxy.cut();
        assertThat(ChatSocket.attempt(server.baseUrl(), bob.accessToken())).as("rooms unreadable")
                .isEqualTo("error: unavailable");
        assertThat(ChatSocket.attempt(server.baseUrl(), carol.accessToken())).as("session uncheckable, not ended")
                .isEqualTo("error: unavailable");
        proxy.restore();
        try (ChatSocket listener = ChatSocket.connect(server.baseUrl(), bob.accessToken());
             ChatSocket sender = ChatSocket.connect(server.baseUrl(), alice.accessToken())) {
            sendUntilStored(sender, "after-outage");
            listener.awaitFirst("receive_message", m -> m.path("clientId").asString("").equals("after-outage"));
        }
    }

    private long lastSeq() {
        var messages = api.get("/api/rooms/" + roomId + "/messages", alice.accessToken()).json().path("messages");
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).path("seq").asLong();
    }

    /** Sends as a client retrying on {@code unavailable} would, until the database takes the message. */
    private JsonNode sendUntilStored(ChatSocket socket, String clientId) {
        long deadline = System.nanoTime() + ChatSocket.WAIT.toNanos();
        while (true) {
            JsonNode ack = socket.call("send_message", Map.of("roomId", roomId, "content", "lost?", "clientId", clientId));
            if (ack.has("ok")) return ack;
            assertThat(ack.path("error").path("code").asString()).isEqualTo("unavailable");
            assertThat(System.nanoTime()).as("still refused: %s", ack).isLessThan(deadline);
        }
    }
}
