package org.parley.calls;

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

/**
 * The call state machine as clients live it, over real sockets, on both databases: ringing,
 * accepting, declining, ringing out, busy, one call per room, a full call, leaving, removal from
 * the room, lost sockets, the timeline's notices, and who may take part. The ring timeout and the
 * rejoin grace are short here so that nothing sleeps for long.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CallsContract {
    static final Map<String, String> SETTINGS = Map.of("call-ring-timeout", "3s", "call-rejoin-grace", "2s",
            "call-max-participants", "3");
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final List<ChatSocket> sockets = new ArrayList<>();

    CallsContract(Supplier<TestDatabase> databases) {
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
        return api.post("/api/rooms", Map.of("name", "Calls of " + owner.username(), "memberIds", ids),
                owner.accessToken()).json().path("id").asLong();
    }

    private long direct(Account a, Account b) {
        return api.post("/api/rooms/direct", Map.of("userId", b.id()), a.accessToken()).json().path("id").asLong();
    }

    private static JsonNode ok(JsonNode ack) {
        assertThat(ack.has("ok")).as(ack.toString()).isTrue();
        return ack.path("ok");
    }

    private static String errorCode(JsonNode ack) {
        return ack.path("error").path("code").asString(null);
    }

    private static JsonNode start(ChatSocket s, long roomId, String kind) {
        return ok(s.call("call_start", Map.of("roomId", roomId, "kind", kind)));
    }

    private static JsonNode accept(ChatSocket s, String callId) {
        return ok(s.call("call_accept", Map.of("callId", callId)));
    }

    private static JsonNode updated(ChatSocket s, String callId, java.util.function.Predicate<JsonNode> matches) {
        return s.awaitFirst("call_updated", c -> c.path("id").asString().equals(callId) && matches.test(c));
    }

    private static JsonNode ended(ChatSocket s, String callId) {
        return s.awaitFirst("call_ended", e -> e.path("callId").asString().equals(callId));
    }

    private List<String> systemTexts(Account who, long roomId) {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : api.get("/api/rooms/" + roomId + "/messages", who.accessToken()).json().path("messages")) {
            if (m.path("kind").asString().equals("system")) texts.add(m.path("content").asString());
        }
        return texts;
    }

    private static List<String> devices(JsonNode call) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : call.path("participants")) out.add(p.path("deviceId").asString());
        return out;
    }

    @Test
    void aDirectCallRingsIsAcceptedAndEndsWhenTheLastOneLeaves() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob");
        long roomId = direct(ann, bob);
        ChatSocket sa = connect(ann), sa2 = connect(ann), sb = connect(bob);

        JsonNode call = start(sa, roomId, "video");
        String callId = call.path("id").asString();
        assertThat(callId).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(call.path("state").asString()).isEqualTo("ringing");
        assertThat(call.path("kind").asString()).isEqualTo("video");
        assertThat(call.path("roomId").asLong()).isEqualTo(roomId);
        assertThat(call.path("startedBy").asLong()).isEqualTo(ann.id());
        assertThat(call.has("answeredAt")).isFalse();
        assertThat(devices(call)).containsExactly(sa.id());
        assertThat(call.path("participants").get(0).path("username").asString()).isEqualTo(ann.username());

        JsonNode ringing = sb.awaitFirst("call_ringing", c -> c.path("id").asString().equals(callId));
        assertThat(ringing.path("state").asString()).isEqualTo("ringing");
        var current = api.get("/api/rooms/" + roomId + "/call", bob.accessToken());
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().path("id").asString()).isEqualTo(callId);

        JsonNode active = ok(sb.call("call_accept", Map.of("callId", callId, "muted", true)));
        assertThat(active.path("state").asString()).isEqualTo("active");
        assertThat(active.path("answeredAt").asLong()).isPositive();
        assertThat(devices(active)).containsExactly(sa.id(), sb.id());
        assertThat(active.path("participants").get(1).path("muted").asBoolean()).isTrue();
        updated(sa, callId, c -> c.path("state").asString().equals("active"));

        ok(sb.call("call_media", Map.of("callId", callId, "muted", false, "cameraOff", true)));
        JsonNode media = updated(sa, callId, c -> c.path("participants").size() == 2
                && c.path("participants").get(1).path("cameraOff").asBoolean());
        assertThat(media.path("participants").get(1).path("muted").asBoolean()).isFalse();

        ok(sb.call("call_leave", Map.of("callId", callId)));
        updated(sa, callId, c -> devices(c).equals(List.of(sa.id())));
        ok(sa.call("call_leave", Map.of("callId", callId)));
        JsonNode end = ended(sb, callId);
        assertThat(end.path("reason").asString()).isEqualTo("completed");
        assertThat(end.path("roomId").asLong()).isEqualTo(roomId);
        assertThat(end.path("durationMs").asLong()).isNotNegative();
        ended(sa2, callId);

        assertThat(api.get("/api/rooms/" + roomId + "/call", ann.accessToken()).status()).isEqualTo(404);
        assertThat(sa.drain("call_ringing")).as("the caller's own sockets do not ring").isEmpty();
        assertThat(sa2.drain("call_ringing")).isEmpty();
        assertThat(systemTexts(ann, roomId)).containsSubsequence("Ann started a video call")
                .anySatisfy(t -> assertThat(t).matches("Call ended, 0:0\\d"));
    }

    @Test
    void aDeclineEndsADirectCallAndAGroupCallOnlyWhenEveryoneDeclined() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob"), cat = Accounts.register(api, "Cat");
        long directId = direct(ann, bob);
        long groupId = group(ann, bob, cat);
        ChatSocket sa = connect(ann), sb = connect(bob), sc = connect(cat);

        String direct = start(sa, directId, "audio").path("id").asString();
        ok(sb.call("call_decline", Map.of("callId", direct)));
        assertThat(ended(sa, direct).path("reason").asString()).isEqualTo("declined");
        assertThat(ended(sb, direct).has("durationMs")).isFalse();
        assertThat(systemTexts(ann, directId)).containsSubsequence("Ann started a voice call", "Bob declined the call");

        ChatSocket sb2 = connect(bob);
        String grouped = start(sa, groupId, "audio").path("id").asString();
        sb2.awaitFirst("call_ringing", c -> c.path("id").asString().equals(grouped));
        ok(sb.call("call_decline", Map.of("callId", grouped)));
        assertThat(ended(sb2, grouped).path("reason").asString()).as("bob's other device stops ringing").isEqualTo("declined");
        var stillRinging = api.get("/api/rooms/" + groupId + "/call", cat.accessToken());
        assertThat(stillRinging.json().path("state").asString()).as("one of two declined").isEqualTo("ringing");
        assertThat(sc.drain("call_ended")).as("bob's decline does not end the call for cat").isEmpty();
        ok(sc.call("call_decline", Map.of("callId", grouped)));
        assertThat(ended(sa, grouped).path("reason").asString()).isEqualTo("declined");
        assertThat(ended(sc, grouped).path("reason").asString()).isEqualTo("declined");
        assertThat(api.get("/api/rooms/" + groupId + "/call", ann.accessToken()).status()).isEqualTo(404);
        assertThat(sc.drain("call_ended")).as("cat hears the end of the call once").isEmpty();
    }

    @Test
    void aGroupCallEndsDeclinedWhenTheOnlyMemberWhoHadNotDeclinedIsRemoved() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob"), cat = Accounts.register(api, "Cat");
        long groupId = group(ann, bob, cat);
        ChatSocket sa = connect(ann), sb = connect(bob);
        String callId = start(sa, groupId, "audio").path("id").asString();
        ok(sb.call("call_decline", Map.of("callId", callId)));
        assertThat(api.delete("/api/rooms/" + groupId + "/members/" + cat.id(), ann.accessToken()).status()).isEqualTo(204);
        assertThat(ended(sa, callId).path("reason").asString()).isEqualTo("declined");
        assertThat(systemTexts(ann, groupId)).contains("Bob declined the call");
    }

    @Test
    void aCallNobodyAcceptsIsMissed() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob");
        long roomId = direct(ann, bob);
        ChatSocket sa = connect(ann), sb = connect(bob);
        String callId = start(sa, roomId, "audio").path("id").asString();
        sb.awaitFirst("call_ringing", c -> c.path("id").asString().equals(callId));
        JsonNode end = ended(sb, callId);
        assertThat(end.path("reason").asString()).isEqualTo("missed");
        assertThat(end.has("durationMs")).isFalse();
        assertThat(systemTexts(bob, roomId)).contains("Missed call from Ann");
    }

    @Test
    void oneCallPerRoomAndOneCallPerUser() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob"), cat = Accounts.register(api, "Cat");
        long annBob = direct(ann, bob), bobCat = direct(bob, cat), catAnn = direct(cat, ann);
        ChatSocket sa = connect(ann), sb = connect(bob), sb2 = connect(bob), sc = connect(cat);

        String callId = start(sa, annBob, "audio").path("id").asString();
        JsonNode again = sb.call("call_start", Map.of("roomId", annBob, "kind", "audio"));
        assertThat(errorCode(again)).isEqualTo("call_in_progress");
        assertThat(again.path("error").path("fields").path("callId").asString()).isEqualTo(callId);

        accept(sb, callId);
        assertThat(errorCode(sb2.call("call_start", Map.of("roomId", bobCat, "kind", "audio"))))
                .as("bob is in a call on his other device").isEqualTo("busy");
        assertThat(errorCode(sa.call("call_start", Map.of("roomId", catAnn, "kind", "audio")))).isEqualTo("busy");
        String catCall = start(sc, bobCat, "audio").path("id").asString();
        assertThat(errorCode(sb2.call("call_accept", Map.of("callId", catCall)))).isEqualTo("busy");

        JsonNode moved = accept(sb2, callId);
        assertThat(devices(moved)).as("accepting the same call on another device moves there").containsExactly(sa.id(), sb2.id());
        ok(sc.call("call_leave", Map.of("callId", catCall)));
        ok(sa.call("call_leave", Map.of("callId", callId)));
        ok(sb2.call("call_leave", Map.of("callId", callId)));
        ended(sa, callId);
    }

    @Test
    void aFullCallTakesNobodyElse() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob"),
                cat = Accounts.register(api, "Cat"), dan = Accounts.register(api, "Dan");
        long roomId = group(ann, bob, cat, dan);
        ChatSocket sa = connect(ann), sb = connect(bob), sc = connect(cat), sd = connect(dan);
        String callId = start(sa, roomId, "video").path("id").asString();
        accept(sb, callId);
        accept(sc, callId);
        assertThat(errorCode(sd.call("call_accept", Map.of("callId", callId)))).isEqualTo("call_full");
        ok(sc.call("call_leave", Map.of("callId", callId)));
        assertThat(devices(accept(sd, callId))).containsExactly(sa.id(), sb.id(), sd.id());
        for (ChatSocket s : List.of(sa, sb, sd)) ok(s.call("call_leave", Map.of("callId", callId)));
        assertThat(ended(sc, callId).path("reason").asString()).isEqualTo("completed");
    }

    @Test
    void aMemberRemovedFromTheRoomIsDroppedFromItsCall() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob"), cat = Accounts.register(api, "Cat");
        long roomId = group(ann, bob, cat);
        ChatSocket sa = connect(ann), sb = connect(bob), sc = connect(cat);
        String callId = start(sa, roomId, "audio").path("id").asString();
        accept(sb, callId);
        accept(sc, callId);
        var removed = api.delete("/api/rooms/" + roomId + "/members/" + bob.id(), ann.accessToken());
        assertThat(removed.status()).as(removed.text()).isEqualTo(204);
        assertThat(ended(sb, callId).path("roomId").asLong()).isEqualTo(roomId);
        updated(sc, callId, c -> devices(c).equals(List.of(sa.id(), sc.id())));
        assertThat(errorCode(sb.call("call_accept", Map.of("callId", callId)))).isEqualTo("not_found");
        ok(sa.call("call_leave", Map.of("callId", callId)));
        ok(sc.call("call_leave", Map.of("callId", callId)));
        ended(sa, callId);
    }

    @Test
    void aParticipantWhoseSocketIsGoneIsDroppedAfterTheGrace() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob");
        long roomId = direct(ann, bob);
        ChatSocket sa = connect(ann), sb = connect(bob);
        String callId = start(sa, roomId, "audio").path("id").asString();
        accept(sb, callId);
        sb.close();
        JsonNode alone = updated(sa, callId, c -> devices(c).equals(List.of(sa.id())));
        assertThat(alone.path("state").asString()).isEqualTo("active");

        ChatSocket back = connect(bob);
        assertThat(devices(accept(back, callId))).as("a new socket rejoins").containsExactly(sa.id(), back.id());
        sa.close();
        updated(back, callId, c -> devices(c).equals(List.of(back.id())));
        ok(back.call("call_leave", Map.of("callId", callId)));
        assertThat(ended(back, callId).path("reason").asString()).isEqualTo("completed");
    }

    @Test
    void theOriginalHangUpLeavesTheCallTheSenderIsIn() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob");
        long roomId = direct(ann, bob);
        ChatSocket sa = connect(ann), sb = connect(bob);
        String callId = start(sa, roomId, "audio").path("id").asString();
        accept(sb, callId);
        ok(sb.call("end_call", Map.of("roomId", roomId)));
        JsonNode hangUp = sa.awaitFirst("end_call", e -> e.path("roomId").asLong() == roomId);
        assertThat(hangUp.path("from").path("deviceId").asString()).isEqualTo(sb.id());
        updated(sa, callId, c -> devices(c).equals(List.of(sa.id())));
        ok(sa.call("end_call", Map.of("roomId", roomId, "callId", callId)));
        assertThat(ended(sb, callId).path("reason").asString()).isEqualTo("completed");
    }

    @Test
    void onlyMembersTakePart() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob"), eve = Accounts.register(api, "Eve");
        long roomId = direct(ann, bob);
        ChatSocket sa = connect(ann), se = connect(eve);
        assertThat(errorCode(se.call("call_start", Map.of("roomId", roomId, "kind", "audio")))).isEqualTo("not_found");
        String callId = start(sa, roomId, "audio").path("id").asString();
        assertThat(errorCode(se.call("call_accept", Map.of("callId", callId)))).isEqualTo("not_found");
        assertThat(errorCode(se.call("call_decline", Map.of("callId", callId)))).isEqualTo("not_found");
        assertThat(errorCode(se.call("video_call_offer", Map.of("roomId", roomId, "callId", callId,
                "toDevice", sa.id(), "offer", Map.of("sdp", "eve"))))).isEqualTo("not_found");
        assertThat(api.get("/api/rooms/" + roomId + "/call", eve.accessToken()).status()).isEqualTo(404);
        assertThat(errorCode(sa.call("call_start", Map.of("roomId", roomId, "kind", "hologram")))).isEqualTo("invalid_input");
        assertThat(se.eventNames()).doesNotContain("call_ringing", "call_updated", "video_call_offer");
        ok(sa.call("call_leave", Map.of("callId", callId)));
    }

    @Test
    void signalsAreLimitedInSizeAndRateAndStartsInRate() {
        Account ann = Accounts.register(api, "Ann"), bob = Accounts.register(api, "Bob");
        long roomId = direct(ann, bob);
        ChatSocket sa = connect(ann), sb = connect(bob);
        String callId = start(sa, roomId, "video").path("id").asString();
        accept(sb, callId);

        Map<String, Object> to = Map.of("roomId", roomId, "callId", callId, "to", ann.id(), "toDevice", sa.id());
        JsonNode bigOffer = sb.call("video_call_offer", with(to, "offer", Map.of("type", "offer", "sdp", "a".repeat(16 * 1024))));
        assertThat(errorCode(bigOffer)).isEqualTo("invalid_input");
        JsonNode fitting = sb.call("video_call_answer", with(to, "answer", Map.of("type", "answer", "sdp", "a".repeat(16_000))));
        assertThat(fitting.has("ok")).as(fitting.toString()).isTrue();
        JsonNode bigCandidate = sb.call("ice_candidate", with(to, "candidate", Map.of("candidate", "c".repeat(2048))));
        assertThat(errorCode(bigCandidate)).isEqualTo("invalid_input");

        int accepted = 1;
        String lastError = null;
        for (int i = 0; i < 400 && lastError == null; i++) {
            JsonNode ack = sb.call("ice_candidate", with(to, "candidate", Map.of("candidate", "candidate:" + i)));
            if (ack.has("ok")) accepted++;
            else lastError = errorCode(ack);
        }
        assertThat(lastError).isEqualTo("rate_limited");
        assertThat(accepted).as("a burst of 100, refilled at 10 a second while the loop runs").isBetween(100, 399);
        ok(sa.call("call_leave", Map.of("callId", callId)));
        ok(sb.call("call_leave", Map.of("callId", callId)));

        Account cat = Accounts.register(api, "Cat");
        long catRoom = direct(cat, bob);
        ChatSocket sc = connect(cat);
        int starts = 0;
        String refused = null;
        for (int i = 0; i < 11 && refused == null; i++) {
            JsonNode ack = sc.call("call_start", Map.of("roomId", catRoom, "kind", "audio"));
            if (ack.has("ok")) {
                starts++;
                ok(sc.call("call_leave", Map.of("callId", ack.path("ok").path("id").asString())));
            } else {
                refused = errorCode(ack);
            }
        }
        assertThat(refused).isEqualTo("rate_limited");
        assertThat(starts).isEqualTo(10);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(base);
        out.put(key, value);
        return out;
    }
}
