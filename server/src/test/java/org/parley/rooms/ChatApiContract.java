package org.parley.rooms;

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
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/** Rooms, membership rules and messages over REST, as a user would use them; run on both databases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatApiContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;

    ChatApiContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of("message-max-chars", "100", "message-burst", "500"));
        this.api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    private JsonNode group(Account owner, String name, Account... members) {
        List<Long> ids = new ArrayList<>();
        for (Account m : members) ids.add(m.id());
        var r = api.post("/api/rooms", Map.of("name", name, "description", "about " + name, "memberIds", ids),
                owner.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private JsonNode send(Account who, long roomId, String content) {
        var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", content), who.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private String role(Account viewer, long roomId, Account member) {
        for (JsonNode m : api.get("/api/rooms/" + roomId + "/members", viewer.accessToken()).json().path("members")) {
            if (m.path("userId").asLong() == member.id()) return m.path("role").asString();
        }
        return null;
    }

    @Test
    void roomNamesMustBeVisibleAndDescriptionsHoldNoControls() {
        Account owner = Accounts.register(api, "names");
        for (String bad : new String[] {"evil\u202Egnp.exe", "a\u2066b", "zero\u200Bwidth", "\uFEFFbom", "\u3164",
                "\u200B\u200B", "\u0301\u0301", "\u2800 \u3164"}) {
            var r = api.post("/api/rooms", Map.of("name", bad, "memberIds", List.of()), owner.accessToken());
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("error").path("fields").has("name")).as(bad).isTrue();
        }
        // NFKC: the full-width letters and the ligature become their plain forms
        var wide = api.post("/api/rooms", Map.of("name", "\uFF30\uFF41\uFF52\uFF4C\uFF45\uFF59 \uFB01les",
                "memberIds", List.of()), owner.accessToken());
        assertThat(wide.status()).as(wide.text()).isEqualTo(201);
        assertThat(wide.json().path("name").asString()).isEqualTo("Parley files");
        var family = api.post("/api/rooms", Map.of("name", "Family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
                "memberIds", List.of()), owner.accessToken());
        assertThat(family.status()).as("a joiner inside an emoji is fine").isEqualTo(201);
        for (String bad : new String[] {"nul\u0000byte", "esc\u001B[31mred", "bell\u0007", "del\u007F"}) {
            var r = api.post("/api/rooms", Map.of("name", "described", "description", bad, "memberIds", List.of()),
                    owner.accessToken());
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("error").path("fields").has("description")).as(bad).isTrue();
        }
        var lines = api.post("/api/rooms", Map.of("name", "described", "description", "line one\r\n\tline two",
                "memberIds", List.of()), owner.accessToken());
        assertThat(lines.status()).isEqualTo(201);
        assertThat(lines.json().path("description").asString()).isEqualTo("line one\n\tline two");
        long roomId = lines.json().path("id").asLong();
        assertThat(api.patch("/api/rooms/" + roomId, Map.of("name", "x\u202Ey"), owner.accessToken()).status()).isEqualTo(400);
        assertThat(api.patch("/api/rooms/" + roomId, Map.of("description", "\u001B"), owner.accessToken()).status())
                .isEqualTo(400);
    }

    @Test
    void aDirectRoomExistsOncePerPair() {
        Account ann = Accounts.register(api, "ann"), ben = Accounts.register(api, "ben");
        var first = api.post("/api/rooms/direct", Map.of("userId", ben.id()), ann.accessToken());
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("kind").asString()).isEqualTo("direct");
        assertThat(first.json().path("peer").path("id").asLong()).isEqualTo(ben.id());
        var again = api.post("/api/rooms/direct", Map.of("userId", ann.id()), ben.accessToken());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(again.json().path("peer").path("id").asLong()).isEqualTo(ann.id());

        assertThat(api.post("/api/rooms/direct", Map.of("userId", ann.id()), ann.accessToken()).status()).isEqualTo(400);
        assertThat(api.post("/api/rooms/direct", Map.of("userId", 999_999), ann.accessToken()).status()).isEqualTo(404);
        long roomId = first.json().path("id").asLong();
        assertThat(api.patch("/api/rooms/" + roomId, Map.of("name", "x"), ann.accessToken()).status()).isEqualTo(403);
        assertThat(api.delete("/api/rooms/" + roomId + "/members/" + ann.id(), ann.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void messagesGetGapFreeSeqsAndAppearInEveryMembersHistory() {
        Account a = Accounts.register(api, "seqa"), b = Accounts.register(api, "seqb"), c = Accounts.register(api, "seqc");
        long roomId = group(a, "Seq room", b, c).path("id").asLong();
        long base = api.get("/api/rooms/" + roomId, a.accessToken()).json().path("lastSeq").asLong();
        for (int i = 1; i <= 5; i++) {
            Account who = List.of(a, b, c).get(i % 3);
            JsonNode m = send(who, roomId, "hello " + i);
            assertThat(m.path("seq").asLong()).isEqualTo(base + i);
            assertThat(m.path("sender").path("id").asLong()).isEqualTo(who.id());
        }
        for (Account who : List.of(a, b, c)) {
            var history = api.get("/api/rooms/" + roomId + "/messages", who.accessToken()).json().path("messages");
            List<Long> seqs = new ArrayList<>();
            history.forEach(m -> seqs.add(m.path("seq").asLong()));
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(seqs.getLast()).isEqualTo(base + 5);
            assertThat(history.get(history.size() - 1).path("content").asString()).isEqualTo("hello 5");
        }
    }

    @Test
    void aRetryWithTheSameClientIdReturnsTheOriginal() {
        Account a = Accounts.register(api, "idem");
        long roomId = group(a, "Idempotent").path("id").asLong();
        var first = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "once", "clientId", "c-1"), a.accessToken());
        var retry = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "once", "clientId", "c-1"), a.accessToken());
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("seq").asLong()).isEqualTo(first.json().path("seq").asLong());
        var history = api.get("/api/rooms/" + roomId + "/messages", a.accessToken()).json().path("messages");
        long copies = 0;
        for (JsonNode m : history) if (m.path("content").asString().equals("once")) copies++;
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void badMessagesAreRefusedAndStoreNothing() {
        Account a = Accounts.register(api, "badmsg");
        long roomId = group(a, "Bad input").path("id").asLong();
        long before = api.get("/api/rooms/" + roomId, a.accessToken()).json().path("lastSeq").asLong();
        for (Object content : new Object[] {"", "   ", "x".repeat(101), "nul\u0000byte", "bell\u0007"}) {
            var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", content), a.accessToken());
            assertThat(r.status()).as(String.valueOf(content)).isEqualTo(400);
            assertThat(r.json().path("error").path("fields").has("content")).isTrue();
        }
        assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "x", "replyTo", 9999), a.accessToken())
                .status()).isEqualTo(400);
        assertThat(api.get("/api/rooms/" + roomId, a.accessToken()).json().path("lastSeq").asLong()).isEqualTo(before);
        assertThat(send(a, roomId, "multi\nline\ttext 😀").path("content").asString()).isEqualTo("multi\nline\ttext 😀");
    }

    @Test
    void bodiesAreDecodedStrictlyAsOnSockets() {
        Account a = Accounts.register(api, "strict"), b = Accounts.register(api, "strictpeer");
        long roomId = group(a, "Strict input", b).path("id").asLong();
        long before = api.get("/api/rooms/" + roomId, a.accessToken()).json().path("lastSeq").asLong();

        var number = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", 42), a.accessToken());
        assertThat(number.status()).as(number.text()).isEqualTo(400);
        assertThat(number.errorCode()).isEqualTo("invalid_input");
        assertThat(number.json().path("error").path("fields").path("content").asString()).contains("content");

        var fraction = api.post("/api/rooms/direct", Map.of("userId", 1.5), a.accessToken());
        assertThat(fraction.status()).as(fraction.text()).isEqualTo(400);
        assertThat(fraction.errorCode()).isEqualTo("invalid_input");
        assertThat(fraction.json().path("error").path("fields").path("userId").asString()).contains("userId");

        var numericString = api.post("/api/rooms/direct", Map.of("userId", Long.toString(b.id())), a.accessToken());
        assertThat(numericString.status()).as(numericString.text()).isIn(200, 201);
        assertThat(api.get("/api/rooms/" + roomId, a.accessToken()).json().path("lastSeq").asLong()).isEqualTo(before);
    }

    @Test
    void editDeleteReactAndReplyFollowOwnership() {
        Account owner = Accounts.register(api, "own"), admin = Accounts.register(api, "adm"), bob = Accounts.register(api, "bob");
        long roomId = group(owner, "Edits", admin, bob).path("id").asLong();
        assertThat(api.patch("/api/rooms/" + roomId + "/members/" + admin.id(), Map.of("role", "admin"), owner.accessToken())
                .status()).isEqualTo(200);
        long seq = send(bob, roomId, "first draft").path("seq").asLong();

        assertThat(api.patch("/api/rooms/" + roomId + "/messages/" + seq, Map.of("content", "hijack"), owner.accessToken())
                .status()).isEqualTo(403);
        var edited = api.patch("/api/rooms/" + roomId + "/messages/" + seq, Map.of("content", "final"), bob.accessToken());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("content").asString()).isEqualTo("final");
        assertThat(edited.json().path("editedAt").isNumber()).isTrue();

        var reply = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "agreed", "replyTo", seq), owner.accessToken());
        assertThat(reply.json().path("replyTo").asLong()).isEqualTo(seq);

        var liked = api.post("/api/rooms/" + roomId + "/messages/" + seq + "/reactions", Map.of("emoji", "👍"), owner.accessToken());
        api.post("/api/rooms/" + roomId + "/messages/" + seq + "/reactions", Map.of("emoji", "👍"), admin.accessToken());
        var reactions = api.get("/api/rooms/" + roomId + "/messages?around=" + seq + "&limit=3", bob.accessToken())
                .json().path("messages");
        JsonNode target = null;
        for (JsonNode m : reactions) if (m.path("seq").asLong() == seq) target = m;
        assertThat(liked.status()).isEqualTo(200);
        assertThat(target.path("reactions").get(0).path("emoji").asString()).isEqualTo("👍");
        assertThat(target.path("reactions").get(0).path("count").asInt()).isEqualTo(2);
        var unliked = api.post("/api/rooms/" + roomId + "/messages/" + seq + "/reactions", Map.of("emoji", "👍"), owner.accessToken());
        assertThat(unliked.json().path("reactions").get(0).path("count").asInt()).isEqualTo(1);
        assertThat(api.post("/api/rooms/" + roomId + "/messages/" + seq + "/reactions", Map.of("emoji", "x".repeat(33)),
                owner.accessToken()).status()).isEqualTo(400);

        long bobs = send(bob, roomId, "delete me").path("seq").asLong();
        long mine = send(owner, roomId, "owner's").path("seq").asLong();
        assertThat(api.delete("/api/rooms/" + roomId + "/messages/" + mine, bob.accessToken()).status()).isEqualTo(403);
        var tomb = api.delete("/api/rooms/" + roomId + "/messages/" + bobs, admin.accessToken());
        assertThat(tomb.status()).isEqualTo(200);
        assertThat(tomb.json().path("deleted").asBoolean()).isTrue();
        assertThat(tomb.json().path("content").asString()).isEmpty();
        assertThat(api.patch("/api/rooms/" + roomId + "/messages/" + bobs, Map.of("content", "undead"), bob.accessToken())
                .status()).isEqualTo(404);
        var history = api.get("/api/rooms/" + roomId + "/messages?after=" + (bobs - 1) + "&limit=1", bob.accessToken());
        assertThat(history.json().path("messages").get(0).path("seq").asLong()).isEqualTo(bobs);
        assertThat(history.json().path("messages").get(0).path("deleted").asBoolean()).isTrue();
    }

    @Test
    void historyPagesBackwardsForwardsAndAround() {
        Account a = Accounts.register(api, "pages");
        long roomId = group(a, "Pages").path("id").asLong();
        for (int i = 0; i < 30; i++) send(a, roomId, "m" + i);
        long last = api.get("/api/rooms/" + roomId, a.accessToken()).json().path("lastSeq").asLong();
        var latest = api.get("/api/rooms/" + roomId + "/messages?limit=10", a.accessToken()).json().path("messages");
        assertThat(latest.size()).isEqualTo(10);
        assertThat(latest.get(9).path("seq").asLong()).isEqualTo(last);
        var older = api.get("/api/rooms/" + roomId + "/messages?limit=10&before=" + latest.get(0).path("seq").asLong(),
                a.accessToken()).json().path("messages");
        assertThat(older.get(9).path("seq").asLong()).isEqualTo(latest.get(0).path("seq").asLong() - 1);
        var after = api.get("/api/rooms/" + roomId + "/messages?after=" + (last - 3), a.accessToken()).json().path("messages");
        assertThat(after.size()).isEqualTo(3);
        var around = api.get("/api/rooms/" + roomId + "/messages?limit=5&around=" + (last - 10), a.accessToken())
                .json().path("messages");
        assertThat(around.size()).isEqualTo(5);
        assertThat(around.get(2).path("seq").asLong()).isEqualTo(last - 10);
        assertThat(api.get("/api/rooms/" + roomId + "/messages?limit=101", a.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/rooms/" + roomId + "/messages?before=x", a.accessToken()).status()).isEqualTo(400);
    }

    @Test
    void readMarksMoveForwardOnlyAndDriveUnreadCounts() {
        Account a = Accounts.register(api, "reada"), b = Accounts.register(api, "readb");
        long roomId = group(a, "Reading", b).path("id").asLong();
        for (int i = 0; i < 4; i++) send(a, roomId, "news " + i);
        JsonNode bView = roomIn(b, roomId);
        long last = bView.path("lastSeq").asLong();
        assertThat(bView.path("unreadCount").asLong()).isEqualTo(last);
        assertThat(roomIn(a, roomId).path("unreadCount").asLong()).isZero();
        assertThat(bView.path("lastMessage").path("content").asString()).isEqualTo("news 3");

        assertThat(api.post("/api/rooms/" + roomId + "/read", Map.of("seq", last - 2), b.accessToken()).json()
                .path("seq").asLong()).isEqualTo(last - 2);
        assertThat(roomIn(b, roomId).path("unreadCount").asLong()).isEqualTo(2);
        assertThat(api.post("/api/rooms/" + roomId + "/read", Map.of("seq", 1), b.accessToken()).json().path("seq").asLong())
                .isEqualTo(last - 2);
        assertThat(api.post("/api/rooms/" + roomId + "/read", Map.of("seq", last + 100), b.accessToken()).json()
                .path("seq").asLong()).isEqualTo(last);
        assertThat(roomIn(b, roomId).path("unreadCount").asLong()).isZero();
    }

    private JsonNode roomIn(Account who, long roomId) {
        for (JsonNode r : api.get("/api/rooms", who.accessToken()).json().path("rooms")) {
            if (r.path("id").asLong() == roomId) return r;
        }
        throw new AssertionError("room " + roomId + " not in the list of " + who.username());
    }

    @Test
    void adminRulesAndTheirForbiddenCases() {
        Account owner = Accounts.register(api, "owner"), admin = Accounts.register(api, "admin"),
                member = Accounts.register(api, "member"), newbie = Accounts.register(api, "newbie");
        long roomId = group(owner, "Team", admin, member).path("id").asLong();
        assertThat(role(owner, roomId, owner)).isEqualTo("owner");

        // members cannot manage
        assertThat(api.post("/api/rooms/" + roomId + "/members", Map.of("userIds", List.of(newbie.id())), member.accessToken())
                .status()).isEqualTo(403);
        assertThat(api.patch("/api/rooms/" + roomId, Map.of("name", "Mine"), member.accessToken()).status()).isEqualTo(403);
        assertThat(api.patch("/api/rooms/" + roomId + "/members/" + member.id(), Map.of("role", "admin"), member.accessToken())
                .status()).isEqualTo(403);
        assertThat(api.delete("/api/rooms/" + roomId + "/members/" + admin.id(), member.accessToken()).status()).isEqualTo(403);

        // the owner promotes; the admin manages members and details
        assertThat(api.patch("/api/rooms/" + roomId + "/members/" + admin.id(), Map.of("role", "admin"), owner.accessToken())
                .json().path("role").asString()).isEqualTo("admin");
        assertThat(api.post("/api/rooms/" + roomId + "/members", Map.of("userIds", List.of(newbie.id())), admin.accessToken())
                .status()).isEqualTo(200);
        assertThat(role(newbie, roomId, newbie)).isEqualTo("member");
        var renamed = api.patch("/api/rooms/" + roomId, Map.of("name", "  Core team ", "description", "We build"), admin.accessToken());
        assertThat(renamed.json().path("name").asString()).isEqualTo("Core team");
        assertThat(renamed.json().path("description").asString()).isEqualTo("We build");
        assertThat(api.patch("/api/rooms/" + roomId, Map.of("name", "x".repeat(81)), admin.accessToken()).status()).isEqualTo(400);
        assertThat(api.patch("/api/rooms/" + roomId, Map.of("description", "x".repeat(501)), admin.accessToken()).status())
                .isEqualTo(400);
        assertThat(api.delete("/api/rooms/" + roomId + "/members/" + newbie.id(), admin.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/rooms/" + roomId, newbie.accessToken()).status()).isEqualTo(404);

        // nobody touches the owner; only the owner deletes
        assertThat(api.patch("/api/rooms/" + roomId + "/members/" + owner.id(), Map.of("role", "member"), admin.accessToken())
                .status()).isEqualTo(403);
        assertThat(api.delete("/api/rooms/" + roomId + "/members/" + owner.id(), admin.accessToken()).status()).isEqualTo(403);
        assertThat(api.delete("/api/rooms/" + roomId, admin.accessToken()).status()).isEqualTo(403);
        assertThat(api.patch("/api/rooms/" + roomId + "/members/" + member.id(), Map.of("role", "owner"), owner.accessToken())
                .status()).isEqualTo(400);

        // admins demote admins
        Account second = Accounts.register(api, "second");
        api.post("/api/rooms/" + roomId + "/members", Map.of("userIds", List.of(second.id())), owner.accessToken());
        api.patch("/api/rooms/" + roomId + "/members/" + second.id(), Map.of("role", "admin"), owner.accessToken());
        assertThat(api.patch("/api/rooms/" + roomId + "/members/" + second.id(), Map.of("role", "member"), admin.accessToken())
                .json().path("role").asString()).isEqualTo("member");

        // membership changes are visible as system messages
        var history = api.get("/api/rooms/" + roomId + "/messages", member.accessToken()).json().path("messages");
        List<String> notes = new ArrayList<>();
        history.forEach(m -> { if (m.path("kind").asString().equals("system")) notes.add(m.path("content").asString()); });
        assertThat(notes).anyMatch(n -> n.contains("created the room")).anyMatch(n -> n.contains("added newbie"))
                .anyMatch(n -> n.contains("removed newbie")).anyMatch(n -> n.contains("an admin"));

        assertThat(api.delete("/api/rooms/" + roomId, owner.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/rooms/" + roomId, member.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void anOwnerWhoLeavesHandsTheRoomOn() {
        Account owner = Accounts.register(api, "leaver"), member = Accounts.register(api, "stayer"),
                admin = Accounts.register(api, "heir");
        long roomId = group(owner, "Handover", member, admin).path("id").asLong();
        api.patch("/api/rooms/" + roomId + "/members/" + admin.id(), Map.of("role", "admin"), owner.accessToken());
        assertThat(api.delete("/api/rooms/" + roomId + "/members/" + owner.id(), owner.accessToken()).status()).isEqualTo(204);
        assertThat(role(member, roomId, admin)).isEqualTo("owner");
        assertThat(api.get("/api/rooms/" + roomId, owner.accessToken()).status()).isEqualTo(404);

        Account alone = Accounts.register(api, "alone");
        long solo = group(alone, "Solo").path("id").asLong();
        assertThat(api.delete("/api/rooms/" + solo + "/members/" + alone.id(), alone.accessToken()).status()).isEqualTo(409);
    }

    @Test
    void anOutsiderCanDoNothingWithARoom() {
        Account owner = Accounts.register(api, "insider"), outsider = Accounts.register(api, "outsider");
        long roomId = group(owner, "Private").path("id").asLong();
        long seq = send(owner, roomId, "secret").path("seq").asLong();
        String t = outsider.accessToken();
        String base = "/api/rooms/" + roomId;
        List<ApiClient.Response> attempts = List.of(
                api.get(base, t),
                api.patch(base, Map.of("name", "pwned"), t),
                api.delete(base, t),
                api.get(base + "/members", t),
                api.post(base + "/members", Map.of("userIds", List.of(outsider.id())), t),
                api.patch(base + "/members/" + owner.id(), Map.of("role", "member"), t),
                api.delete(base + "/members/" + owner.id(), t),
                api.delete(base + "/members/" + outsider.id(), t),
                api.get(base + "/messages", t),
                api.get(base + "/messages?around=" + seq, t),
                api.post(base + "/messages", Map.of("content", "hi"), t),
                api.patch(base + "/messages/" + seq, Map.of("content", "x"), t),
                api.delete(base + "/messages/" + seq, t),
                api.post(base + "/messages/" + seq + "/reactions", Map.of("emoji", "👀"), t),
                api.post(base + "/read", Map.of("seq", seq), t));
        for (var r : attempts) {
            assertThat(r.status()).as(r.text()).isEqualTo(404);
            assertThat(r.text()).doesNotContain("secret").doesNotContain("Private");
        }
        assertThat(api.get("/api/rooms", t).json().path("rooms")).isEmpty();
        var history = api.get(base + "/messages", owner.accessToken()).json().path("messages");
        assertThat(history.get(history.size() - 1).path("content").asString()).isEqualTo("secret");
        assertThat(api.get(base, owner.accessToken()).json().path("name").asString()).isEqualTo("Private");
    }
}
