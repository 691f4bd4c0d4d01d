package org.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Mentions in messages, unread mention counts and per-room notification settings; run on both databases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MentionsContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;

    MentionsContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of("message-burst", "500"));
        this.api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    private long group(Account owner, Account... members) {
        List<Long> ids = new ArrayList<>();
        for (Account m : members) ids.add(m.id());
        var r = api.post("/api/rooms", Map.of("name", "Mentions", "memberIds", ids), owner.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private JsonNode send(Account who, long roomId, String content) {
        var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", content), who.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode n : array) ids.add(n.asLong());
        return ids;
    }

    private JsonNode summary(Account who, long roomId) {
        return api.get("/api/rooms/" + roomId, who.accessToken()).json();
    }

    @Test
    void aMessageNamesTheMembersItMentions() {
        Account ann = Accounts.register(api, "mann"), bob = Accounts.register(api, "mbob"),
                cat = Accounts.register(api, "mcat"), stranger = Accounts.register(api, "mstr");
        long roomId = group(ann, bob, cat);

        JsonNode m = send(ann, roomId, "@" + bob.username() + ", and (@" + cat.username().toUpperCase() + "). "
                + "Not @" + stranger.username() + ", not me@" + bob.username() + ".example, not @nobody_here.");
        assertThat(ids(m.path("mentions"))).containsExactly(bob.id(), cat.id());
        assertThat(m.path("mentionsRoom").asBoolean()).isFalse();

        JsonNode plain = send(ann, roomId, "nothing to see");
        assertThat(plain.path("mentions").isArray()).isTrue();
        assertThat(plain.path("mentions")).isEmpty();

        JsonNode inHistory = api.get("/api/rooms/" + roomId + "/messages?after=" + (m.path("seq").asLong() - 1),
                bob.accessToken()).json().path("messages").get(0);
        assertThat(ids(inHistory.path("mentions"))).containsExactly(bob.id(), cat.id());

        var edited = api.patch("/api/rooms/" + roomId + "/messages/" + plain.path("seq").asLong(),
                Map.of("content", "now for @" + cat.username()), ann.accessToken());
        assertThat(ids(edited.json().path("mentions"))).as("an edit mentions anew").containsExactly(cat.id());
    }

    @Test
    void atRoomCountsOnlyFromOwnersAndAdmins() {
        Account ann = Accounts.register(api, "rann"), bob = Accounts.register(api, "rbob"), cat = Accounts.register(api, "rcat");
        long roomId = group(ann, bob, cat);

        assertThat(send(ann, roomId, "@room standup").path("mentionsRoom").asBoolean()).as("the owner").isTrue();
        JsonNode fromMember = send(bob, roomId, "@room lunch?");
        assertThat(fromMember.path("mentionsRoom").asBoolean()).as("a plain member writes plain text").isFalse();
        assertThat(fromMember.path("mentions")).isEmpty();

        api.patch("/api/rooms/" + roomId + "/members/" + bob.id(), Map.of("role", "admin"), ann.accessToken());
        assertThat(send(bob, roomId, "@room lunch!").path("mentionsRoom").asBoolean()).as("an admin").isTrue();
    }

    @Test
    void theRoomSummaryCountsUnreadMentionsAndReadingClearsThem() {
        Account ann = Accounts.register(api, "cann"), bob = Accounts.register(api, "cbob");
        long roomId = group(ann, bob);
        assertThat(summary(bob, roomId).path("mentionCount").asLong()).isZero();

        send(ann, roomId, "plain");
        send(ann, roomId, "@" + bob.username() + " look");
        send(ann, roomId, "@room all hands");
        send(bob, roomId, "@" + bob.username() + " note to self");
        assertThat(summary(bob, roomId).path("mentionCount").asLong()).as("Bob's own message marked the room read").isZero();

        JsonNode toBob = send(ann, roomId, "@" + bob.username() + " again");
        send(ann, roomId, "@room once more");
        JsonNode bobs = summary(bob, roomId);
        assertThat(bobs.path("unreadCount").asLong()).isEqualTo(2);
        assertThat(bobs.path("mentionCount").asLong()).isEqualTo(2);
        assertThat(summary(ann, roomId).path("mentionCount").asLong()).as("Ann wrote them").isZero();
        assertThat(api.get("/api/rooms", bob.accessToken()).json().path("rooms").get(0).path("mentionCount").asLong())
                .isEqualTo(2);

        try (ChatSocket otherDevice = ChatSocket.connect(server.baseUrl(), bob.accessToken())) {
            api.post("/api/rooms/" + roomId + "/read", Map.of("seq", toBob.path("seq").asLong()), bob.accessToken());
            JsonNode unread = otherDevice.awaitFirst("unread_count", e -> e.path("roomId").asLong() == roomId);
            assertThat(unread.path("unreadCount").asLong()).isEqualTo(1);
            assertThat(unread.path("mentionCount").asLong()).isEqualTo(1);
        }
        api.delete("/api/rooms/" + roomId + "/messages/" + (toBob.path("seq").asLong() + 1), ann.accessToken());
        assertThat(summary(bob, roomId).path("mentionCount").asLong()).as("a deleted mention is gone").isZero();
    }

    @Test
    void notificationSettingsAreKeptPerMemberAndReachTheirOtherDevices() {
        Account ann = Accounts.register(api, "nann"), bob = Accounts.register(api, "nbob");
        long roomId = group(ann, bob);
        long direct = api.post("/api/rooms/direct", Map.of("userId", bob.id()), ann.accessToken()).json().path("id").asLong();
        assertThat(summary(bob, roomId).path("notifications").path("level").asString()).isEqualTo("all");
        assertThat(summary(bob, direct).path("notifications").path("level").asString()).isEqualTo("all");
        assertThat(summary(bob, roomId).path("notifications").path("mutedUntil").isNull()).isTrue();

        try (ChatSocket otherDevice = ChatSocket.connect(server.baseUrl(), bob.accessToken());
             ChatSocket annSocket = ChatSocket.connect(server.baseUrl(), ann.accessToken())) {
            var set = api.patch("/api/rooms/" + roomId + "/notifications", Map.of("level", "mentions"), bob.accessToken());
            assertThat(set.status()).as(set.text()).isEqualTo(200);
            assertThat(set.json().path("level").asString()).isEqualTo("mentions");
            JsonNode pushed = otherDevice.awaitFirst("notification_settings", e -> e.path("roomId").asLong() == roomId);
            assertThat(pushed.path("level").asString()).isEqualTo("mentions");
            assertThat(pushed.has("mutedUntil")).isTrue();

            long until = System.currentTimeMillis() + 3_600_000;
            var muted = api.patch("/api/rooms/" + direct + "/notifications", Map.of("level", "all", "mutedUntil", until),
                    bob.accessToken());
            assertThat(muted.json().path("mutedUntil").asLong()).isEqualTo(until);
            otherDevice.awaitFirst("notification_settings", e -> e.path("roomId").asLong() == direct
                    && e.path("mutedUntil").asLong() == until);
            api.patch("/api/rooms/" + roomId + "/notifications", Map.of("level", "nothing"), ann.accessToken());
            annSocket.awaitFirst("notification_settings", e -> e.path("level").asString().equals("nothing"));
            assertThat(otherDevice.drain("notification_settings")).as("Ann's setting is hers alone")
                    .noneMatch(e -> e.path("level").asString().equals("nothing"));
        }
        assertThat(summary(bob, roomId).path("notifications").path("level").asString()).isEqualTo("mentions");
        assertThat(summary(ann, roomId).path("notifications").path("level").asString()).isEqualTo("nothing");
        assertThat(summary(bob, direct).path("notifications").path("mutedUntil").asLong()).isPositive();
        // unmuting: the whole setting is given, without mutedUntil
        api.patch("/api/rooms/" + direct + "/notifications", Map.of("level", "all"), bob.accessToken());
        assertThat(summary(bob, direct).path("notifications").path("mutedUntil").isNull()).isTrue();
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() {
        Account ann = Accounts.register(api, "bann"), bob = Accounts.register(api, "bbob"), eve = Accounts.register(api, "beve");
        long roomId = group(ann, bob);
        api.patch("/api/rooms/" + roomId + "/notifications", Map.of("level", "mentions"), bob.accessToken());
        Map<String, Object> nullLevel = new HashMap<>();
        nullLevel.put("level", null);
        List<Map<String, Object>> bad = List.of(Map.of(), nullLevel, Map.of("level", "ALL"), Map.of("level", "muted"),
                Map.of("level", 1), Map.of("level", List.of("all")), Map.of("level", "all", "mutedUntil", "soon"),
                Map.of("level", "all", "mutedUntil", 1.5), Map.of("level", "all", "mutedUntil", 1000),
                Map.of("level", "all", "mutedUntil", System.currentTimeMillis() + 400L * 24 * 3_600_000));
        for (Map<String, Object> body : bad) {
            var r = api.patch("/api/rooms/" + roomId + "/notifications", body, bob.accessToken());
            assertThat(r.status()).as(body + ": " + r.text()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_input");
            assertThat(r.json().path("error").path("fields").size()).as(body.toString()).isEqualTo(1);
        }
        assertThat(summary(bob, roomId).path("notifications").path("level").asString()).isEqualTo("mentions");
        assertThat(summary(bob, roomId).path("notifications").path("mutedUntil").isNull()).isTrue();
        var outsider = api.patch("/api/rooms/" + roomId + "/notifications", Map.of("level", "all"), eve.accessToken());
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(api.patch("/api/rooms/" + roomId + "/notifications", Map.of("level", "all"), null).status()).isEqualTo(401);
    }
}
