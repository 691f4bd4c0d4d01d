package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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

/** The chat as clients live it over Socket.IO: real server, real Java Socket.IO clients, both databases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatSocketContract {
    private static final Map<String, String> SETTINGS = Map.of("message-burst", "1000");
    private final Supplier<TestDatabase> databases;
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final List<ChatSocket> sockets = new ArrayList<>();

    ChatSocketContract(Supplier<TestDatabase> databases) {
        this.databases = databases;
        this.database = databases.get();
        this.server = TestServer.start(database, SETTINGS);
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
        var r = api.post("/api/rooms", Map.of("name", "Room of " + owner.username(), "memberIds", ids), owner.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private static JsonNode send(ChatSocket s, long roomId, String content) {
        JsonNode ack = s.call("send_message", Map.of("roomId", roomId, "content", content));
        assertThat(ack.has("ok")).as(ack.toString()).isTrue();
        return ack.path("ok");
    }

    private static JsonNode receive(ChatSocket s, long roomId, String content) {
        return s.awaitFirst("receive_message",
                m -> m.path("roomId").asLong() == roomId && m.path("content").asString().equals(content));
    }

    private static String errorCode(JsonNode ack) {
        return ack.path("error").path("code").asString(null);
    }

    @Test
    void messagesReachEveryMemberAndNobodyElse() {
        Account a = Accounts.register(api, "live_a"), b = Accounts.register(api, "live_b"), c = Accounts.register(api, "live_c");
        Account outsider = Accounts.register(api, "live_x");
        long roomId = group(a, b, c);
        long direct = api.post("/api/rooms/direct", Map.of("userId", b.id()), a.accessToken()).json().path("id").asLong();
        ChatSocket sa = connect(a), sb = connect(b), sc = connect(c), sx = connect(outsider);

        JsonNode sent = send(sa, roomId, "hello team");
        assertThat(sent.path("sender").path("id").asLong()).isEqualTo(a.id());
        for (ChatSocket s : List.of(sa, sb, sc)) {
            assertThat(receive(s, roomId, "hello team").path("seq").asLong()).isEqualTo(sent.path("seq").asLong());
        }
        send(sb, direct, "just us");
        receive(sa, direct, "just us");
        send(sc, roomId, "fence");
        receive(sb, roomId, "fence");
        assertThat(sc.drain("receive_message")).noneMatch(m -> m.path("roomId").asLong() == direct);
        assertThat(sx.drain("receive_message")).isEmpty();

        JsonNode joined = sb.call("join_room", roomId);
        assertThat(joined.path("ok").path("id").asLong()).isEqualTo(roomId);
        sb.awaitFirst("joined_room", r -> r.asLong() == roomId);
    }

    @Test
    void editsDeletesReactionsAndRepliesReachAllMembers() {
        Account a = Accounts.register(api, "edit_a"), b = Accounts.register(api, "edit_b");
        long roomId = group(a, b);
        ChatSocket sa = connect(a), sb = connect(b);
        long seq = send(sa, roomId, "draft").path("seq").asLong();

        JsonNode edited = sa.call("edit_message", Map.of("roomId", roomId, "seq", seq, "content", "final"));
        assertThat(edited.path("ok").path("content").asString()).isEqualTo("final");
        sb.awaitFirst("message_updated", m -> m.path("seq").asLong() == seq && m.path("content").asString().equals("final")
                && m.path("editedAt").isNumber());

        sb.call("react", Map.of("roomId", roomId, "seq", seq, "emoji", "🎉"));
        sa.awaitFirst("message_updated", m -> m.path("seq").asLong() == seq
                && m.path("reactions").path(0).path("userIds").path(0).asLong() == b.id());

        JsonNode reply = sb.call("send_message", Map.of("roomId", roomId, "content", "re", "replyTo", seq));
        assertThat(reply.path("ok").path("replyTo").asLong()).isEqualTo(seq);
        sa.awaitFirst("receive_message", m -> m.path("content").asString().equals("re") && m.path("replyTo").asLong() == seq);

        assertThat(errorCode(sb.call("delete_message", Map.of("roomId", roomId, "seq", seq)))).isEqualTo("forbidden");
        sa.call("delete_message", Map.of("roomId", roomId, "seq", seq));
        sb.awaitFirst("message_updated", m -> m.path("seq").asLong() == seq && m.path("deleted").asBoolean()
                && m.path("content").asString().isEmpty());
    }

    @Test
    void typingStartsStopsAndExpires() {
        Account a = Accounts.register(api, "type_a"), b = Accounts.register(api, "type_b");
        long roomId = group(a, b);
        ChatSocket sa = connect(a), sb = connect(b);

        assertThat(sa.call("typing", roomId).has("ok")).isTrue();
        JsonNode typing = sb.awaitFirst("user_typing", t -> t.path("roomId").asLong() == roomId);
        assertThat(typing.path("userId").asLong()).isEqualTo(a.id());
        assertThat(typing.path("username").asString()).isEqualTo(a.username());
        assertThat(errorCode(sa.call("typing", roomId))).isEqualTo("rate_limited");

        sa.call("stop_typing", roomId);
        List<JsonNode> stop = sb.await("user_stop_typing", args -> args.get(1).asLong() == roomId);
        assertThat(stop.getFirst().asLong()).isEqualTo(a.id());

        sleep(1100);
        sa.call("typing", roomId);
        sb.awaitFirst("user_typing", t -> t.path("roomId").asLong() == roomId);
        long started = System.nanoTime();
        sb.await("user_stop_typing", args -> args.get(1).asLong() == roomId);
        assertThat((System.nanoTime() - started) / 1_000_000).as("expiry after about 5 s").isBetween(3000L, 9000L);
        assertThat(sa.drain("user_typing")).as("no echo to the typist").isEmpty();
    }

    @Test
    void presenceGoesOnlineAwayAndOfflineWithLastSeen() {
        Account a = Accounts.register(api, "pres_a"), b = Accounts.register(api, "pres_b");
        long roomId = group(a, b);
        ChatSocket sb = connect(b);
        send(sb, roomId, "b takes part"); // an added member's presence shows once they take part
        sleep(300);
        ChatSocket sa = connect(a);
        awaitPresence(sb, a, "online");
        JsonNode snapshot = sa.awaitFirst("presence_snapshot", x -> true).path("users");
        boolean bOnline = false;
        for (JsonNode u : snapshot) {
            if (u.path("userId").asLong() == b.id()) bOnline = u.path("status").asString().equals("online");
        }
        assertThat(bOnline).as(snapshot.toString()).isTrue();

        sa.call("set_presence", Map.of("status", "away"));
        awaitPresence(sb, a, "away");
        sa.call("set_presence", Map.of("status", "online"));
        awaitPresence(sb, a, "online");
        assertThat(errorCode(sa.call("set_presence", Map.of("status", "invisible")))).isEqualTo("invalid_input");

        long before = System.currentTimeMillis();
        sa.close();
        JsonNode offline = awaitPresence(sb, a, "offline");
        assertThat(offline.path("lastSeenAt").asLong()).isGreaterThanOrEqualTo(before);
    }

    /**
     * Waits for a {@code presence_batch} that says {@code who} is {@code status} and returns that entry;
     * the batches before it are consumed (with what they said of others).
     */
    static JsonNode awaitPresence(ChatSocket s, Account who, String status) {
        JsonNode batch = s.awaitFirst("presence_batch", b -> entryOf(b, who.id()) != null
                && entryOf(b, who.id()).path("status").asString().equals(status));
        return entryOf(batch, who.id());
    }

    private static JsonNode entryOf(JsonNode batch, long userId) {
        JsonNode found = null;
        for (JsonNode u : batch.path("users")) {
            if (u.path("userId").asLong() == userId) {
                if (found != null) throw new AssertionError("one batch names " + userId + " twice: " + batch);
                found = u;
            }
        }
        return found;
    }

    /** Every presence entry of the batches received so far, without waiting. */
    static List<JsonNode> presenceHeard(ChatSocket s) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode batch : s.drain("presence_batch")) batch.path("users").forEach(out::add);
        return out;
    }

    private static boolean inSnapshot(JsonNode snapshot, Account who) {
        for (JsonNode u : snapshot.path("users")) {
            if (u.path("userId").asLong() == who.id()) return true;
        }
        return false;
    }

    @Test
    void aMemberAddedToAGroupStaysHiddenUntilTheyTakePart() {
        Account owner = Accounts.register(api, "hide_owner"), added = Accounts.register(api, "hide_added");
        ChatSocket sAdded = connect(added);
        long roomId = group(owner, added);
        ChatSocket sOwner = connect(owner);
        assertThat(inSnapshot(sOwner.awaitFirst("presence_snapshot", x -> true), added))
                .as("the added member's presence is not shown to the group").isFalse();
        // the one who created the group took part: the added member sees them
        awaitPresence(sAdded, owner, "online");
        sAdded.call("set_presence", Map.of("status", "away"));
        sAdded.call("set_presence", Map.of("status", "online"));
        // the owner's own change comes after any batch the added member's changes would have made
        sOwner.call("set_presence", Map.of("status", "away"));
        awaitPresence(sOwner, owner, "away");
        assertThat(presenceHeard(sOwner)).noneMatch(p -> p.path("userId").asLong() == added.id());
        sOwner.call("set_presence", Map.of("status", "online"));

        send(sAdded, roomId, "hello, I am here");
        awaitPresence(sOwner, added, "online");
        ChatSocket again = connect(owner);
        assertThat(inSnapshot(again.awaitFirst("presence_snapshot", x -> true), added)).isTrue();
    }

    @Test
    void newRoomMatesHearEachOthersPresenceAtOnce() {
        Account a = Accounts.register(api, "mate_a"), b = Accounts.register(api, "mate_b");
        ChatSocket sa = connect(a), sb = connect(b);
        api.post("/api/rooms/direct", Map.of("userId", b.id()), a.accessToken());
        awaitPresence(sb, a, "online");
        awaitPresence(sa, b, "online");
    }

    @Test
    void aLargeRoomsMembersArePushedOnlyWhenWatched() {
        Account viewer = Accounts.register(api, "big_v"), owner = Accounts.register(api, "big_o");
        Account talker = Accounts.register(api, "big_t"), friend = Accounts.register(api, "big_f");
        List<Account> members = new ArrayList<>(List.of(viewer, talker));
        while (members.size() < 59) members.add(Accounts.register(api, "big_m"));
        long roomId = group(owner, members.toArray(Account[]::new));
        assertThat(api.get("/api/rooms/" + roomId, viewer.accessToken()).json().path("memberCount").asInt()).isEqualTo(60);
        assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "I take part"), talker.accessToken())
                .status()).isEqualTo(201);
        api.post("/api/rooms/direct", Map.of("userId", friend.id()), viewer.accessToken());
        ChatSocket sOwner = connect(owner), sTalker = connect(talker), sFriend = connect(friend);

        ChatSocket sv = connect(viewer);
        JsonNode snapshot = sv.awaitFirst("presence_snapshot", x -> true);
        assertThat(inSnapshot(snapshot, friend)).as("a direct room's partner is pushed").isTrue();
        assertThat(inSnapshot(snapshot, talker) || inSnapshot(snapshot, owner))
                .as("members of a room of 60 are not in the snapshot: " + snapshot).isFalse();

        sTalker.call("set_presence", Map.of("status", "away"));
        sFriend.call("set_presence", Map.of("status", "away"));
        awaitPresence(sv, friend, "away");
        sv.call("set_presence", Map.of("status", "away")); // the viewer's own change: after whatever came before
        awaitPresence(sv, viewer, "away");
        assertThat(presenceHeard(sv)).as("nothing of the large room unless watched")
                .noneMatch(p -> p.path("userId").asLong() == talker.id() || p.path("userId").asLong() == owner.id());

        Account stranger = Accounts.register(api, "big_x");
        long silent = members.get(5).id(); // a member who never took part stays hidden
        JsonNode watched = sv.call("watch_presence", Map.of("userIds", List.of(talker.id(), owner.id(), stranger.id(), silent)));
        Map<Long, String> states = new java.util.HashMap<>();
        for (JsonNode u : watched.path("ok").path("users")) states.put(u.path("userId").asLong(), u.path("status").asString());
        assertThat(states).as(watched.toString()).containsOnly(
                Map.entry(talker.id(), "away"), Map.entry(owner.id(), "online"));

        sTalker.call("set_presence", Map.of("status", "online"));
        awaitPresence(sv, talker, "online");
        sOwner.call("set_presence", Map.of("status", "away"));
        awaitPresence(sv, owner, "away");

        assertThat(sv.call("watch_presence", Map.of("userIds", List.of(owner.id()))).path("ok").path("users").size()).isOne();
        sTalker.call("set_presence", Map.of("status", "away"));
        sOwner.call("set_presence", Map.of("status", "online"));
        awaitPresence(sv, owner, "online");
        assertThat(presenceHeard(sv)).as("the new watch set replaced the old one")
                .noneMatch(p -> p.path("userId").asLong() == talker.id());

        // a watched member who is removed from the room is no longer watched
        sv.call("watch_presence", Map.of("userIds", List.of(talker.id())));
        assertThat(api.delete("/api/rooms/" + roomId + "/members/" + talker.id(), owner.accessToken()).status()).isLessThan(300);
        sv.awaitFirst("member_removed", r -> r.path("userId").asLong() == talker.id());
        sTalker.call("set_presence", Map.of("status", "online"));
        sv.call("set_presence", Map.of("status", "online"));
        awaitPresence(sv, viewer, "online");
        assertThat(presenceHeard(sv)).noneMatch(p -> p.path("userId").asLong() == talker.id());
    }

    @Test
    void anOutsiderCannotWatchAStranger() {
        Account outsider = Accounts.register(api, "watch_x"), stranger = Accounts.register(api, "watch_s");
        group(stranger);
        ChatSocket sx = connect(outsider), ss = connect(stranger);
        JsonNode ack = sx.call("watch_presence", Map.of("userIds", List.of(stranger.id(), outsider.id())));
        assertThat(ack.path("ok").path("users").size()).as(ack.toString()).isOne();
        assertThat(ack.path("ok").path("users").path(0).path("userId").asLong()).isEqualTo(outsider.id());
        ss.call("set_presence", Map.of("status", "away"));
        sx.call("set_presence", Map.of("status", "away"));
        awaitPresence(sx, outsider, "away");
        assertThat(presenceHeard(sx)).noneMatch(p -> p.path("userId").asLong() == stranger.id());

        List<Long> tooMany = new ArrayList<>();
        for (long i = 1; i <= 201; i++) tooMany.add(i);
        assertThat(errorCode(sx.call("watch_presence", Map.of("userIds", tooMany)))).isEqualTo("invalid_input");
        assertThat(errorCode(sx.call("watch_presence", Map.of("userIds", "all")))).isEqualTo("invalid_input");
        assertThat(errorCode(sx.call("watch_presence", Map.of("userIds", List.of("x"))))).isEqualTo("invalid_input");
        assertThat(sx.connected()).isTrue();
    }

    @Test
    void changesWithinTheWindowArriveAsOneBatchWithTheLatestState() {
        TestDatabase ownDatabase = databases.get();
        // a long window, so that three changes acked one after the other surely fall into it
        try (TestServer node = TestServer.start(ownDatabase, Map.of("presence-batch-window", "3s"))) {
            ApiClient nodeApi = node.api();
            Account a = Accounts.register(nodeApi, "batch_a"), b = Accounts.register(nodeApi, "batch_b");
            nodeApi.post("/api/rooms/direct", Map.of("userId", b.id()), a.accessToken());
            try (ChatSocket sa = ChatSocket.connect(node.baseUrl(), a.accessToken());
                 ChatSocket sb = ChatSocket.connect(node.baseUrl(), b.accessToken())) {
                assertThat(inSnapshot(sb.awaitFirst("presence_snapshot", x -> true), a)).isTrue();
                sa.call("set_presence", Map.of("status", "away"));
                sa.call("set_presence", Map.of("status", "online"));
                sa.call("set_presence", Map.of("status", "away"));
                JsonNode batch = sb.awaitFirst("presence_batch", x -> entryOf(x, a.id()) != null);
                assertThat(entryOf(batch, a.id()).path("status").asString()).as(batch.toString()).isEqualTo("away");
            }
        } finally {
            ownDatabase.close();
        }
    }

    @Test
    void receiptsAndUnreadCountsAcrossTwoDevices() {
        Account a = Accounts.register(api, "rcpt_a"), b = Accounts.register(api, "rcpt_b");
        long roomId = group(a, b);
        ChatSocket sa = connect(a), phone = connect(b), laptop = connect(b);
        long last = 0;
        for (int i = 0; i < 3; i++) last = send(sa, roomId, "n" + i).path("seq").asLong();
        receive(laptop, roomId, "n2");
        final long seq = last;

        JsonNode ack = phone.call("mark_read", Map.of("roomId", roomId, "seq", seq));
        assertThat(ack.path("ok").path("seq").asLong()).isEqualTo(seq);
        JsonNode receipt = sa.awaitFirst("read_receipt",
                r -> r.path("roomId").asLong() == roomId && r.path("userId").asLong() == b.id());
        assertThat(receipt.path("seq").asLong()).isEqualTo(seq);
        JsonNode unread = laptop.awaitFirst("unread_count", u -> u.path("roomId").asLong() == roomId);
        assertThat(unread.path("unreadCount").asLong()).isZero();
        assertThat(unread.path("lastReadSeq").asLong()).isEqualTo(seq);
        assertThat(sa.drain("unread_count")).as("only the reader's own devices").isEmpty();
    }

    @Test
    void addedMembersHearTheRoomAndRemovedOnesStopAtOnceOnEveryDevice() {
        Account owner = Accounts.register(api, "mem_o"), d = Accounts.register(api, "mem_d");
        long roomId = group(owner);
        ChatSocket so = connect(owner), d1 = connect(d), d2 = connect(d);

        api.post("/api/rooms/" + roomId + "/members", Map.of("userIds", List.of(d.id())), owner.accessToken());
        d1.awaitFirst("room_added", r -> r.path("roomId").asLong() == roomId);
        so.awaitFirst("member_added", r -> r.path("member").path("userId").asLong() == d.id());
        send(so, roomId, "welcome");
        receive(d1, roomId, "welcome");
        receive(d2, roomId, "welcome");

        api.delete("/api/rooms/" + roomId + "/members/" + d.id(), owner.accessToken());
        d1.awaitFirst("room_removed", r -> r.path("roomId").asLong() == roomId);
        d2.awaitFirst("room_removed", r -> r.path("roomId").asLong() == roomId);
        send(so, roomId, "after you left");
        receive(so, roomId, "after you left");
        assertThat(d1.drain("receive_message")).noneMatch(m -> m.path("content").asString().equals("after you left"));
        assertThat(d2.drain("receive_message")).noneMatch(m -> m.path("content").asString().equals("after you left"));
        assertThat(errorCode(d1.call("join_room", roomId))).isEqualTo("not_found");
    }

    /** A retry stores nothing and is announced again with the same seq (its first announcement may have been lost). */
    @Test
    void aRetriedSendIsStoredOnceAndReachesEachSocketOnce() {
        Account a = Accounts.register(api, "retry_a"), b = Accounts.register(api, "retry_b");
        long roomId = group(a, b);
        ChatSocket sa = connect(a), sb = connect(b);
        Map<String, Object> payload = Map.of("roomId", roomId, "content", "only once", "clientId", "retry-1");
        long first = sa.call("send_message", payload).path("ok").path("seq").asLong();
        long second = sa.call("send_message", payload).path("ok").path("seq").asLong();
        assertThat(second).isEqualTo(first);
        assertThat(receive(sb, roomId, "only once").path("seq").asLong()).isEqualTo(first);
        // the retry announces it again (for nodes that missed it); a socket that has it does not get it twice
        long marker = send(sa, roomId, "marker").path("seq").asLong();
        receive(sb, roomId, "marker");
        assertThat(marker).as("the retry took no seq").isEqualTo(first + 1);
        assertThat(sb.drain("receive_message")).noneMatch(m -> m.path("content").asString().equals("only once"));
    }

    /** The sender's answer is the message exactly as the room receives it, a reply in a thread with a mention, and a retry too. */
    @Test
    void theSendersAckCarriesTheMessageTheRoomReceives() {
        Account a = Accounts.register(api, "same_a"), b = Accounts.register(api, "same_b");
        long roomId = group(a, b);
        ChatSocket sa = connect(a), sb = connect(b);
        JsonNode root = send(sa, roomId, "a root");
        assertThat(receive(sb, roomId, "a root")).isEqualTo(root);
        Map<String, Object> reply = Map.of("roomId", roomId, "content", "@" + b.username() + " see this",
                "clientId", "same-1", "replyTo", root.path("seq").asLong(), "threadRootSeq", root.path("seq").asLong());
        JsonNode ack = sa.call("send_message", reply).path("ok");
        JsonNode received = receive(sb, roomId, "@" + b.username() + " see this");
        assertThat(ack).isEqualTo(received);
        assertThat(ack.path("mentions").path(0).asLong()).isEqualTo(b.id());
        assertThat(ack.path("threadRootSeq").asLong()).isEqualTo(root.path("seq").asLong());
        assertThat(sa.call("send_message", reply).path("ok")).as("the retry's answer").isEqualTo(received);
    }

    @Test
    void badPayloadsGetErrorsAndTheConnectionStays() {
        Account a = Accounts.register(api, "bad_a");
        long roomId = group(a);
        ChatSocket sa = connect(a);
        assertThat(errorCode(sa.call("send_message", "not an object"))).isEqualTo("invalid_input");
        assertThat(errorCode(sa.call("send_message", Map.of("roomId", "abc", "content", "x")))).isEqualTo("invalid_input");
        assertThat(errorCode(sa.call("send_message", Map.of("roomId", roomId, "content", " ")))).isEqualTo("invalid_input");
        assertThat(errorCode(sa.call("sync", Map.of("rooms", "x")))).isEqualTo("invalid_input");
        assertThat(errorCode(sa.call("edit_message", Map.of("roomId", roomId)))).isEqualTo("invalid_input");
        assertThat(sa.connected()).isTrue();
        assertThat(send(sa, roomId, "still here").path("content").asString()).isEqualTo("still here");
    }

    @Test
    void sendingTooFastIsRefusedAndTheConnectionStays() {
        try (TestServer strict = TestServer.start(null, Map.of("message-burst", "3", "messages-per-minute", "3"))) {
            Account a = Accounts.register(strict.api(), "rate_a");
            long roomId = strict.api().post("/api/rooms", Map.of("name", "Rate", "memberIds", List.of()), a.accessToken())
                    .json().path("id").asLong();
            try (ChatSocket s = ChatSocket.connect(strict.baseUrl(), a.accessToken())) {
                for (int i = 0; i < 3; i++) send(s, roomId, "ok " + i);
                JsonNode limited = s.call("send_message", Map.of("roomId", roomId, "content", "too many"));
                assertThat(errorCode(limited)).isEqualTo("rate_limited");
                assertThat(limited.path("error").path("retryAfterMs").asLong()).isPositive();
                assertThat(s.connected()).isTrue();
                assertThat(s.call("mark_read", Map.of("roomId", roomId, "seq", 1)).has("ok")).isTrue();
            }
        }
    }

    @Test
    void oneUserMayHoldOnlySoManyConnections() {
        try (TestServer strict = TestServer.start(null, Map.of("max-connections-per-user", "2"))) {
            Account a = Accounts.register(strict.api(), "conn_a");
            try (ChatSocket first = ChatSocket.connect(strict.baseUrl(), a.accessToken());
                 ChatSocket second = ChatSocket.connect(strict.baseUrl(), a.accessToken())) {
                assertThat(ChatSocket.attempt(strict.baseUrl(), a.accessToken())).isEqualTo("error: too many connections");
                assertThat(first.connected() && second.connected()).isTrue();
            }
            String again = "";
            for (int i = 0; i < 20 && !again.equals("connected"); i++) {
                sleep(100); // the server hears both disconnects
                again = ChatSocket.attempt(strict.baseUrl(), a.accessToken());
            }
            assertThat(again).as("a slot frees when a connection closes").isEqualTo("connected");
        }
    }

    @Test
    void aBadTokenIsRefusedAndLogoutClosesTheSessionsSockets() {
        assertThat(ChatSocket.attempt(server.baseUrl(), "garbage")).isEqualTo("error: unauthorized");
        assertThat(ChatSocket.attempt(server.baseUrl(), null)).isEqualTo("error: unauthorized");
        Account a = Accounts.register(api, "logout_a");
        ChatSocket sa = connect(a);
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", a.refreshToken()), null).status()).isEqualTo(204);
        sa.awaitFirst("session_ended", e -> true);
        sa.await("disconnect", x -> true);
    }

    @Test
    void typingIsRefusedAsNotFoundOnceRemovedAndInARoomThatDoesNotExist() {
        Account owner = Accounts.register(api, "type_o"), member = Accounts.register(api, "type_m");
        long roomId = group(owner, member);
        ChatSocket sm = connect(member);
        assertThat(sm.call("typing", roomId).has("ok")).isTrue();
        assertThat(api.delete("/api/rooms/" + roomId + "/members/" + member.id(), owner.accessToken()).status()).isLessThan(300);
        // refused as soon as the removal is answered, before the socket hears of it
        assertThat(errorCode(sm.call("stop_typing", roomId))).isEqualTo("not_found");
        sleep(1100);
        assertThat(errorCode(sm.call("typing", roomId))).isEqualTo("not_found");
        assertThat(errorCode(sm.call("typing", roomId + 1_000_000))).isEqualTo("not_found");
    }

    @Test
    void anOutsiderGetsAnErrorForEveryEventAndHearsNothing() {
        Account owner = Accounts.register(api, "authz_o"), outsider = Accounts.register(api, "authz_x");
        long roomId = group(owner);
        ChatSocket so = connect(owner), sx = connect(outsider);
        long seq = send(so, roomId, "members only").path("seq").asLong();
        sx.await("presence_snapshot", x -> true);

        List<JsonNode> acks = List.of(
                sx.call("join_room", roomId),
                sx.call("send_message", Map.of("roomId", roomId, "content", "let me in")),
                sx.call("edit_message", Map.of("roomId", roomId, "seq", seq, "content", "x")),
                sx.call("delete_message", Map.of("roomId", roomId, "seq", seq)),
                sx.call("react", Map.of("roomId", roomId, "seq", seq, "emoji", "👀")),
                sx.call("mark_read", Map.of("roomId", roomId, "seq", seq)),
                sx.call("typing", roomId),
                sx.call("stop_typing", roomId),
                sx.call("video_call_offer", Map.of("roomId", roomId, "offer", Map.of("sdp", "x"))),
                sx.call("video_call_answer", Map.of("roomId", roomId, "answer", Map.of("sdp", "x"))),
                sx.call("ice_candidate", Map.of("roomId", roomId, "candidate", Map.of("c", "x"))),
                sx.call("end_call", Map.of("roomId", roomId)));
        for (JsonNode ack : acks) {
            assertThat(ack.has("error")).as(ack.toString()).isTrue();
            assertThat(ack.toString()).doesNotContain("members only");
        }
        JsonNode sync = sx.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId), 0))).path("ok");
        assertThat(sync.path("rooms")).isEmpty();
        assertThat(sync.path("gone").path(0).asLong()).isEqualTo(roomId);

        send(so, roomId, "still private");
        so.call("typing", roomId);
        receive(so, roomId, "still private");
        sleep(300);
        assertThat(presenceHeard(sx)).as("only their own presence").allMatch(p -> p.path("userId").asLong() == outsider.id());
        assertThat(sx.eventNames()).as("events heard by the outsider").isEmpty();
    }

    @Test
    void syncCatchesUpAfterARestartWithNoGapAndNoDuplicate() {
        TestDatabase ownDatabase = databases.get();
        TestServer node = TestServer.start(ownDatabase, SETTINGS);
        try {
            ApiClient nodeApi = node.api();
            Account a = Accounts.register(nodeApi, "sync_a"), b = Accounts.register(nodeApi, "sync_b");
            long roomId = nodeApi.post("/api/rooms", Map.of("name", "Sync", "memberIds", List.of(b.id())), a.accessToken())
                    .json().path("id").asLong();
            long lastSeen;
            long rev;
            try (ChatSocket sb = ChatSocket.connect(node.baseUrl(), b.accessToken())) {
                lastSeen = send(sb, roomId, "before the cut").path("seq").asLong();
                rev = nodeApi.get("/api/rooms/" + roomId, b.accessToken()).json().path("lastRev").asLong();
            }
            for (int i = 0; i < 100; i++) {
                assertThat(nodeApi.post("/api/rooms/" + roomId + "/messages", Map.of("content", "m" + i), a.accessToken())
                        .status()).isEqualTo(201);
            }
            nodeApi.patch("/api/rooms/" + roomId + "/messages/" + lastSeen, Map.of("content", "edited while away"),
                    b.accessToken());

            node = node.restart();
            try (ChatSocket again = ChatSocket.connect(node.baseUrl(), b.accessToken())) {
                Map<String, Object> cursor = Map.of("seq", lastSeen, "rev", rev);
                JsonNode room = again.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId), cursor)))
                        .path("ok").path("rooms").path(0);
                JsonNode messages = room.path("messages");
                assertThat(messages.size()).isEqualTo(100);
                for (int i = 0; i < 100; i++) {
                    assertThat(messages.path(i).path("seq").asLong()).isEqualTo(lastSeen + 1 + i);
                    assertThat(messages.path(i).path("content").asString()).isEqualTo("m" + i);
                }
                assertThat(room.path("truncated").asBoolean()).isFalse();
                assertThat(room.path("changed").size()).isEqualTo(1);
                assertThat(room.path("changed").path(0).path("content").asString()).isEqualTo("edited while away");

                JsonNode fromZero = again.call("sync", Map.of("rooms", Map.of(String.valueOf(roomId), 0)))
                        .path("ok").path("rooms").path(0);
                assertThat(fromZero.path("messages").size()).isEqualTo(fromZero.path("lastSeq").asInt());
            }
        } finally {
            node.close();
            ownDatabase.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
