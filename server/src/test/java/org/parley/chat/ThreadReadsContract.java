package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Thread read marks kept by the server, on both databases: a member marks a thread read on one
 * device and every other device of theirs is told and finds the mark on the root when it loads the
 * room, the thread or syncs; the mark only moves forward, is capped at the newest reply, belongs to
 * that member alone, and every bad request is refused with nothing changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThreadReadsContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final List<ChatSocket> sockets = new ArrayList<>();

    ThreadReadsContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of("message-burst", "1000"));
        this.api = server.api();
    }

    @AfterAll
    void stop() {
        sockets.forEach(ChatSocket::close);
        server.close();
        database.close();
    }

    private ChatSocket connect(Account who) {
        ChatSocket s = ChatSocket.connect(server.baseUrl(), who.accessToken());
        sockets.add(s);
        return s;
    }

    private long group(Account owner, Account... members) {
        List<Long> ids = new ArrayList<>();
        for (Account m : members) ids.add(m.id());
        var r = api.post("/api/rooms", Map.of("name", "Reads of " + owner.username(), "memberIds", ids), owner.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private long post(Account who, long roomId, String content, Long rootSeq) {
        Map<String, Object> body = rootSeq == null ? Map.of("content", content)
                : Map.of("content", content, "threadRootSeq", rootSeq);
        var r = api.post("/api/rooms/" + roomId + "/messages", body, who.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("seq").asLong();
    }

    /** The root's thread summary in {@code who}'s timeline. */
    private JsonNode summary(Account who, long roomId, long rootSeq) {
        for (JsonNode m : api.get("/api/rooms/" + roomId + "/messages", who.accessToken()).json().path("messages")) {
            if (m.path("seq").asLong() == rootSeq) return m.path("thread");
        }
        throw new AssertionError("message " + rootSeq + " is not in the timeline of room " + roomId);
    }

    private static Map<String, Object> mark(long roomId, long rootSeq, long seq) {
        return Map.of("roomId", roomId, "rootSeq", rootSeq, "seq", seq);
    }

    @Test
    void aThreadReadOnOneDeviceIsToldToTheOthersAndKeptForTheNextLoad() {
        Account ann = Accounts.register(api, "tr_ann"), bob = Accounts.register(api, "tr_bob");
        long roomId = group(ann, bob);
        long rootSeq = post(ann, roomId, "the plan", null);
        long otherRoot = post(ann, roomId, "another topic", null);
        long first = post(bob, roomId, "first reply", rootSeq);
        post(bob, roomId, "elsewhere", otherRoot);
        long second = post(bob, roomId, "second reply", rootSeq);
        ChatSocket phone = connect(ann), laptop = connect(ann), bobs = connect(bob);

        JsonNode before = summary(ann, roomId, rootSeq);
        assertThat(before.path("lastReplySeq").asLong()).isEqualTo(second);
        assertThat(before.path("lastReadSeq").asLong()).as("never marked: " + before).isZero();
        assertThat(before.has("lastReadSeq")).isTrue();

        JsonNode ack = phone.call("mark_thread_read", mark(roomId, rootSeq, first));
        assertThat(ack.path("ok").path("seq").asLong()).as(ack.toString()).isEqualTo(first);
        JsonNode told = laptop.awaitFirst("thread_read", e -> e.path("lastReadSeq").asLong() == first);
        assertThat(told.path("roomId").asLong()).isEqualTo(roomId);
        assertThat(told.path("rootSeq").asLong()).isEqualTo(rootSeq);

        JsonNode capped = phone.call("mark_thread_read", mark(roomId, rootSeq, second + 100));
        assertThat(capped.path("ok").path("seq").asLong()).as("capped at the newest reply").isEqualTo(second);
        laptop.awaitFirst("thread_read", e -> e.path("lastReadSeq").asLong() == second);
        JsonNode back = laptop.call("mark_thread_read", mark(roomId, rootSeq, first));
        assertThat(back.path("ok").path("seq").asLong()).as("a mark never moves back").isEqualTo(second);

        assertThat(summary(ann, roomId, rootSeq).path("lastReadSeq").asLong()).isEqualTo(second);
        assertThat(summary(ann, roomId, otherRoot).path("lastReadSeq").asLong()).as("each thread its own mark").isZero();
        assertThat(summary(bob, roomId, rootSeq).path("lastReadSeq").asLong()).as("each member their own mark").isZero();
        var thread = api.get("/api/rooms/" + roomId + "/messages/" + rootSeq + "/thread", ann.accessToken());
        assertThat(thread.json().path("root").path("thread").path("lastReadSeq").asLong()).isEqualTo(second);

        JsonNode synced = laptop.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId), Map.of("seq", 0))))
                .path("ok").path("rooms").path(0);
        JsonNode syncedRoot = null;
        for (JsonNode m : synced.path("messages")) if (m.path("seq").asLong() == rootSeq) syncedRoot = m;
        assertThat(syncedRoot).as(synced.toString()).isNotNull();
        assertThat(syncedRoot.path("thread").path("lastReadSeq").asLong()).isEqualTo(second);
        assertThat(synced.path("threadReads").size()).as(synced.toString()).isEqualTo(1);
        assertThat(synced.path("threadReads").path(0).path("rootSeq").asLong()).isEqualTo(rootSeq);
        assertThat(synced.path("threadReads").path(0).path("lastReadSeq").asLong()).isEqualTo(second);

        bobs.call("sync", Map.of("rooms", Map.of()));
        assertThat(bobs.drain("thread_read")).as("another member hears nothing of it").isEmpty();
        phone.awaitFirst("thread_read", e -> e.path("lastReadSeq").asLong() == second); // the marking device too
    }

    @Test
    void aNewReplyIsAnnouncedToTheRoomWithoutAnyonesMark() {
        Account ann = Accounts.register(api, "tr_live1"), bob = Accounts.register(api, "tr_live2");
        long roomId = group(ann, bob);
        long rootSeq = post(ann, roomId, "root", null);
        long first = post(bob, roomId, "reply", rootSeq);
        assertThat(api.post("/api/rooms/" + roomId + "/messages/" + rootSeq + "/thread/read", Map.of("seq", first),
                ann.accessToken()).json().path("seq").asLong()).as("marked over REST").isEqualTo(first);
        ChatSocket sa = connect(ann);
        ChatSocket sb = connect(bob);
        sb.call("send_message", Map.of("roomId", roomId, "content", "later reply", "threadRootSeq", rootSeq));

        JsonNode updated = sa.awaitFirst("message_updated", m -> m.path("seq").asLong() == rootSeq
                && m.path("thread").path("replyCount").asInt() == 2);
        assertThat(updated.path("thread").has("lastReadSeq")).as("the room's copy names no one's mark: " + updated).isFalse();
        JsonNode summary = summary(ann, roomId, rootSeq);
        assertThat(summary.path("lastReadSeq").asLong()).isEqualTo(first);
        assertThat(summary.path("lastReplySeq").asLong()).as("unread again: a newer reply").isGreaterThan(first);
    }

    @Test
    void badMarksAreRefusedAndChangeNothing() {
        Account ann = Accounts.register(api, "tr_bad1"), bob = Accounts.register(api, "tr_bad2");
        Account outsider = Accounts.register(api, "tr_bad3");
        long roomId = group(ann, bob);
        long rootSeq = post(ann, roomId, "root", null);
        long replySeq = post(bob, roomId, "reply", rootSeq);
        long lonely = post(ann, roomId, "nobody answers this", null);
        ChatSocket sa = connect(ann), other = connect(ann), so = connect(outsider);

        Map<String, Object> tooFar = mark(roomId, lonely + 50, 1);
        for (Map<String, Object> unknown : List.of(tooFar, mark(roomId, lonely, 1))) {
            JsonNode ack = sa.call("mark_thread_read", unknown);
            assertThat(ack.path("error").path("code").asString()).as(unknown + " " + ack).isEqualTo("not_found");
        }
        JsonNode ofReply = sa.call("mark_thread_read", mark(roomId, replySeq, replySeq));
        assertThat(ofReply.path("error").path("code").asString()).isEqualTo("invalid_input");
        assertThat(ofReply.path("error").path("fields").has("rootSeq")).as(ofReply.toString()).isTrue();
        JsonNode negative = sa.call("mark_thread_read", mark(roomId, rootSeq, -1));
        assertThat(negative.path("error").path("fields").has("seq")).as(negative.toString()).isTrue();
        for (Object bad : List.of(Map.of("roomId", roomId, "seq", replySeq), Map.of("roomId", roomId, "rootSeq", "x", "seq", 1),
                Map.of("rootSeq", rootSeq, "seq", replySeq), "not an object")) {
            JsonNode ack = sa.call("mark_thread_read", bad);
            assertThat(ack.path("error").path("code").asString()).as(bad + " " + ack).isEqualTo("invalid_input");
        }
        JsonNode stranger = so.call("mark_thread_read", mark(roomId, rootSeq, replySeq));
        assertThat(stranger.path("error").path("code").asString()).as(stranger.toString()).isEqualTo("not_found");
        var rest = api.post("/api/rooms/" + roomId + "/messages/" + rootSeq + "/thread/read", Map.of("seq", "soon"),
                ann.accessToken());
        assertThat(rest.status()).as(rest.text()).isEqualTo(400);

        assertThat(summary(ann, roomId, rootSeq).path("lastReadSeq").asLong()).as("nothing marked").isZero();
        other.call("sync", Map.of("rooms", Map.of()));
        assertThat(other.drain("thread_read")).isEmpty();
    }
}
