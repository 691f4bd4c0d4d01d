package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Threads as clients use them, over REST and the socket, on both databases: replies name their
 * root, the root carries the thread's summary and is announced again, the timeline leaves replies
 * out, the thread lists them, and refusals change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThreadsContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final List<ChatSocket> sockets = new ArrayList<>();

    ThreadsContract(TestDatabase database) {
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
        var r = api.post("/api/rooms", Map.of("name", "Threads of " + owner.username(), "memberIds", ids), owner.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private JsonNode post(Account who, long roomId, String content) {
        return post(who, roomId, content, Map.of());
    }

    private JsonNode post(Account who, long roomId, String content, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("content", content);
        var r = api.post("/api/rooms/" + roomId + "/messages", body, who.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private JsonNode reply(Account who, long roomId, long rootSeq, String content) {
        return post(who, roomId, content, Map.of("threadRootSeq", rootSeq));
    }

    private List<String> timeline(Account who, long roomId, String query) {
        var r = api.get("/api/rooms/" + roomId + "/messages" + query, who.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        for (JsonNode m : r.json().path("messages")) contents.add(m.path("content").asString());
        return contents;
    }

    private JsonNode inTimeline(Account who, long roomId, long seq) {
        for (JsonNode m : api.get("/api/rooms/" + roomId + "/messages", who.accessToken()).json().path("messages")) {
            if (m.path("seq").asLong() == seq) return m;
        }
        throw new AssertionError("message " + seq + " is not in the timeline of room " + roomId);
    }

    private static List<String> contents(JsonNode messages) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : messages) out.add(m.path("content").asString());
        return out;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asLong());
        return out;
    }

    private long lastSeq(Account who, long roomId) {
        return api.get("/api/rooms/" + roomId, who.accessToken()).json().path("lastSeq").asLong();
    }

    @Test
    void repliesFormAThreadThatTheTimelineLeavesOut() {
        Account ann = Accounts.register(api, "thr_ann"), bob = Accounts.register(api, "thr_bob");
        Account cat = Accounts.register(api, "thr_cat");
        long roomId = group(ann, bob, cat);
        JsonNode root = post(ann, roomId, "shall we ship friday?");
        long rootSeq = root.path("seq").asLong();
        assertThat(root.path("threadRootSeq").isNull()).isTrue();
        assertThat(root.path("thread").isNull()).as("no replies, no summary").isTrue();

        JsonNode first = reply(bob, roomId, rootSeq, "yes");
        assertThat(first.path("threadRootSeq").asLong()).isEqualTo(rootSeq);
        reply(ann, roomId, rootSeq, "great");
        reply(cat, roomId, rootSeq, "not me");
        JsonNode last = reply(bob, roomId, rootSeq, "fine by me");
        post(cat, roomId, "lunch?");

        JsonNode summary = inTimeline(ann, roomId, rootSeq).path("thread");
        assertThat(summary.path("replyCount").asInt()).isEqualTo(4);
        assertThat(summary.path("lastReplyAt").asLong()).isEqualTo(last.path("createdAt").asLong());
        assertThat(longs(summary.path("lastReplierIds"))).as("distinct, newest first")
                .containsExactly(bob.id(), cat.id(), ann.id());

        assertThat(timeline(ann, roomId, "")).as("replies stay in their thread")
                .containsSubsequence("shall we ship friday?", "lunch?")
                .doesNotContain("yes", "great", "not me", "fine by me");
        assertThat(timeline(ann, roomId, "?before=" + (lastSeq(ann, roomId) + 1) + "&limit=2"))
                .as("a page holds limit top-level messages").endsWith("shall we ship friday?", "lunch?");
        assertThat(timeline(ann, roomId, "?after=" + rootSeq)).containsExactly("lunch?");
        assertThat(timeline(ann, roomId, "?around=" + last.path("seq").asLong())).contains("lunch?")
                .doesNotContain("fine by me");

        var thread = api.get("/api/rooms/" + roomId + "/messages/" + rootSeq + "/thread", cat.accessToken());
        assertThat(thread.status()).as(thread.text()).isEqualTo(200);
        assertThat(thread.json().path("root").path("content").asString()).isEqualTo("shall we ship friday?");
        assertThat(thread.json().path("root").path("thread").path("replyCount").asInt()).isEqualTo(4);
        assertThat(contents(thread.json().path("replies"))).containsExactly("yes", "great", "not me", "fine by me");

        var page = api.get("/api/rooms/" + roomId + "/messages/" + rootSeq + "/thread?after="
                + first.path("seq").asLong() + "&limit=2", cat.accessToken()).json();
        assertThat(contents(page.path("replies"))).containsExactly("great", "not me");
    }

    @Test
    void threadsAreForMembersAndOnlyTopLevelMessagesHaveThem() {
        Account ann = Accounts.register(api, "thr_own"), bob = Accounts.register(api, "thr_mem");
        Account outsider = Accounts.register(api, "thr_out");
        long roomId = group(ann, bob);
        long rootSeq = post(ann, roomId, "root").path("seq").asLong();
        long replySeq = reply(bob, roomId, rootSeq, "a reply").path("seq").asLong();
        String base = "/api/rooms/" + roomId + "/messages/";

        assertThat(api.get(base + rootSeq + "/thread", outsider.accessToken()).status()).isEqualTo(404);
        assertThat(api.get(base + (replySeq + 50) + "/thread", ann.accessToken()).status()).isEqualTo(404);
        var ofReply = api.get(base + replySeq + "/thread", ann.accessToken());
        assertThat(ofReply.status()).isEqualTo(400);
        assertThat(ofReply.json().path("error").path("fields").has("seq")).as(ofReply.text()).isTrue();
        var badLimit = api.get(base + rootSeq + "/thread?limit=0", ann.accessToken());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().path("error").path("fields").has("limit")).isTrue();
    }

    @Test
    void aThreadRootMustBeALiveTopLevelMessageOfTheRoomAndARefusalStoresNothing() {
        Account ann = Accounts.register(api, "thr_bad"), bob = Accounts.register(api, "thr_bad2");
        long roomId = group(ann, bob);
        long rootSeq = post(ann, roomId, "root").path("seq").asLong();
        long replySeq = reply(bob, roomId, rootSeq, "reply").path("seq").asLong();
        long goneSeq = post(ann, roomId, "soon gone").path("seq").asLong();
        assertThat(api.delete("/api/rooms/" + roomId + "/messages/" + goneSeq, ann.accessToken()).status()).isEqualTo(200);
        long before = lastSeq(ann, roomId);

        for (Object bad : List.of(replySeq, goneSeq, before + 10, 0, -1)) {
            var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "x", "threadRootSeq", bad),
                    ann.accessToken());
            assertThat(r.status()).as("threadRootSeq " + bad + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().path("error").path("fields").has("threadRootSeq")).as(r.text()).isTrue();
        }
        for (Object malformed : List.of("root", 1.5, true)) {
            var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "x", "threadRootSeq", malformed),
                    ann.accessToken());
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.json().path("error").path("fields").has("threadRootSeq")).as(r.text()).isTrue();
        }
        ChatSocket s = connect(ann);
        JsonNode ack = s.call("send_message", Map.of("roomId", roomId, "content", "x", "threadRootSeq", replySeq));
        assertThat(ack.path("error").path("code").asString()).isEqualTo("invalid_input");
        assertThat(ack.path("error").path("fields").has("threadRootSeq")).as(ack.toString()).isTrue();

        assertThat(lastSeq(ann, roomId)).as("nothing stored").isEqualTo(before);
        var thread = api.get("/api/rooms/" + roomId + "/messages/" + rootSeq + "/thread", ann.accessToken()).json();
        assertThat(thread.path("root").path("thread").path("replyCount").asInt()).isEqualTo(1);
    }

    @Test
    void quotingAReplyInAThreadAnswersInThatThread() {
        Account ann = Accounts.register(api, "thr_q1"), bob = Accounts.register(api, "thr_q2");
        long roomId = group(ann, bob);
        long rootA = post(ann, roomId, "topic a").path("seq").asLong();
        long rootB = post(ann, roomId, "topic b").path("seq").asLong();
        long inA = reply(bob, roomId, rootA, "about a").path("seq").asLong();

        JsonNode quoted = post(ann, roomId, "answering that", Map.of("replyTo", inA));
        assertThat(quoted.path("threadRootSeq").asLong()).isEqualTo(rootA);
        assertThat(quoted.path("replyTo").asLong()).isEqualTo(inA);

        var wrongThread = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "x", "replyTo", inA, "threadRootSeq", rootB), ann.accessToken());
        assertThat(wrongThread.status()).isEqualTo(400);
        assertThat(wrongThread.json().path("error").path("fields").has("threadRootSeq")).isTrue();

        var thread = api.get("/api/rooms/" + roomId + "/messages/" + rootA + "/thread", bob.accessToken()).json();
        assertThat(contents(thread.path("replies"))).containsExactly("about a", "answering that");
    }

    @Test
    void repliesArriveLiveAndTheRootIsAnnouncedAgainWithANewRev() {
        Account ann = Accounts.register(api, "thr_live1"), bob = Accounts.register(api, "thr_live2");
        long roomId = group(ann, bob);
        ChatSocket sa = connect(ann), sb = connect(bob);
        JsonNode root = sa.call("send_message", Map.of("roomId", roomId, "content", "live root")).path("ok");
        long rootSeq = root.path("seq").asLong();
        long rootRev = root.path("rev").asLong();
        sb.awaitFirst("receive_message", m -> m.path("seq").asLong() == rootSeq);

        JsonNode ack = sb.call("send_message", Map.of("roomId", roomId, "content", "live reply", "threadRootSeq", rootSeq));
        JsonNode sent = ack.path("ok");
        assertThat(sent.path("threadRootSeq").asLong()).as(ack.toString()).isEqualTo(rootSeq);

        JsonNode heard = sa.awaitFirst("receive_message", m -> m.path("content").asString().equals("live reply"));
        assertThat(heard.path("threadRootSeq").asLong()).isEqualTo(rootSeq);
        JsonNode updated = sa.awaitFirst("message_updated", m -> m.path("seq").asLong() == rootSeq);
        assertThat(updated.path("thread").path("replyCount").asInt()).isEqualTo(1);
        assertThat(longs(updated.path("thread").path("lastReplierIds"))).containsExactly(bob.id());
        assertThat(updated.path("rev").asLong()).isGreaterThan(sent.path("rev").asLong());
        sb.awaitFirst("message_updated", m -> m.path("seq").asLong() == rootSeq
                && m.path("thread").path("replyCount").asInt() == 1);

        JsonNode sync = sa.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId),
                Map.of("seq", rootSeq, "rev", rootRev)))).path("ok").path("rooms").path(0);
        assertThat(contents(sync.path("messages"))).as("sync carries replies, so seqs stay unbroken")
                .containsExactly("live reply");
        assertThat(sync.path("messages").path(0).path("threadRootSeq").asLong()).isEqualTo(rootSeq);

        assertThat(sync.path("lastRev").asLong()).isEqualTo(updated.path("rev").asLong());
        JsonNode older = sa.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId),
                Map.of("seq", sent.path("seq").asLong(), "rev", rootRev)))).path("ok").path("rooms").path(0);
        JsonNode changedRoot = null;
        for (JsonNode m : older.path("changed")) if (m.path("seq").asLong() == rootSeq) changedRoot = m;
        assertThat(changedRoot).as("the root is among the changed: " + older).isNotNull();
        assertThat(changedRoot.path("thread").path("replyCount").asInt()).isEqualTo(1);
    }

    @Test
    void repliesAreSearchableAndCountAsUnread() {
        Account ann = Accounts.register(api, "thr_s1"), bob = Accounts.register(api, "thr_s2");
        long roomId = group(ann, bob);
        long rootSeq = post(ann, roomId, "the release plan").path("seq").asLong();
        long replySeq = reply(bob, roomId, rootSeq, "quokkapotamus in staging").path("seq").asLong();

        var found = api.get("/api/search?q=" + URLEncoder.encode("quokkapotamus", StandardCharsets.UTF_8),
                ann.accessToken());
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        JsonNode hit = found.json().path("hits").path(0).path("message");
        assertThat(hit.path("seq").asLong()).isEqualTo(replySeq);
        assertThat(hit.path("threadRootSeq").asLong()).isEqualTo(rootSeq);

        JsonNode annRoom = null;
        for (JsonNode r : api.get("/api/rooms", ann.accessToken()).json().path("rooms")) {
            if (r.path("id").asLong() == roomId) annRoom = r;
        }
        assertThat(annRoom).isNotNull();
        assertThat(annRoom.path("unreadCount").asLong()).as("a reply counts as unread in its room").isEqualTo(1);
    }
}
