package org.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;

/**
 * A send whose first attempt was committed but never announced (its node died between commit
 * and publish): the client's retry with the same {@code clientId} gets the stored message back
 * and the room's members who were connected when it was stored hear it, over the socket and over
 * REST (one who connects later has it in its sync). Run on SQLite and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SendRetryContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final Accounts.Account alice;
    private final Accounts.Account bob;
    private final long roomId;

    SendRetryContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of());
        this.api = server.api();
        this.alice = Accounts.register(api, "alice");
        this.bob = Accounts.register(api, "bob");
        this.roomId = api.post("/api/rooms", Map.of("name", "Retries", "memberIds", List.of(bob.id())),
                alice.accessToken()).json().path("id").asLong();
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    @Test
    void aSocketRetryOfAStoredButUnannouncedMessageReachesTheRoom() throws SQLException {
        try (ChatSocket bobSocket = ChatSocket.connect(server.baseUrl(), bob.accessToken());
             ChatSocket aliceSocket = ChatSocket.connect(server.baseUrl(), alice.accessToken())) {
            long seq = storeWithoutAnnouncing("crashed-1", "sent before the crash");
            var ack = aliceSocket.call("send_message", Map.of("roomId", roomId, "content", "sent before the crash",
                    "clientId", "crashed-1"));
            assertThat(ack.path("ok").path("seq").asLong()).as(ack.toString()).isEqualTo(seq);
            var heard = bobSocket.awaitFirst("receive_message", m -> m.path("clientId").asString("").equals("crashed-1"));
            assertThat(heard.path("seq").asLong()).isEqualTo(seq);
            assertThat(heard.path("content").asString()).isEqualTo("sent before the crash");
            assertThat(lastSeq()).as("the retry stored nothing new").isEqualTo(seq);
        }
    }

    @Test
    void aRestRetryOfAStoredButUnannouncedMessageReachesTheRoom() throws SQLException {
        try (ChatSocket bobSocket = ChatSocket.connect(server.baseUrl(), bob.accessToken())) {
            long seq = storeWithoutAnnouncing("crashed-2", "also before the crash");
            var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "also before the crash",
                    "clientId", "crashed-2"), alice.accessToken());
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().path("seq").asLong()).isEqualTo(seq);
            var heard = bobSocket.awaitFirst("receive_message", m -> m.path("clientId").asString("").equals("crashed-2"));
            assertThat(heard.path("seq").asLong()).isEqualTo(seq);
            assertThat(lastSeq()).isEqualTo(seq);
        }
    }

    /**
     * Commits a message from alice the way the writer does (the room's next seq and rev, the
     * sender's read mark), straight in the database, and announces nothing: what a node that
     * crashed right after its commit leaves behind.
     */
    private long storeWithoutAnnouncing(String clientId, String content) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url())) {
            c.setAutoCommit(false);
            long seq;
            long rev;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE rooms SET last_seq = last_seq + 1, last_rev = last_rev + 1, last_message_at = ? WHERE id = ?")) {
                ps.setLong(1, System.currentTimeMillis());
                ps.setLong(2, roomId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_rev FROM rooms WHERE id = ?")) {
                ps.setLong(1, roomId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                    rev = rs.getLong(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO messages (room_id, seq, rev, sender_id, kind, content, client_id, created_at)
                    VALUES (?, ?, ?, ?, 'text', ?, ?, ?)""")) {
                ps.setLong(1, roomId);
                ps.setLong(2, seq);
                ps.setLong(3, rev);
                ps.setLong(4, alice.id());
                ps.setString(5, content);
                ps.setString(6, clientId);
                ps.setLong(7, System.currentTimeMillis());
                ps.executeUpdate();
            }
            c.commit();
            return seq;
        }
    }

    private long lastSeq() {
        var messages = api.get("/api/rooms/" + roomId + "/messages", alice.accessToken()).json().path("messages");
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).path("seq").asLong();
    }
}
