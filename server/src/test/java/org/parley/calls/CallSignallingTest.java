package org.parley.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestRedis;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/** Call signals reach the addressed member (or the room) wherever their sockets are, and only members signal. */
class CallSignallingTest {

    @Test
    void aSignalReachesTheAddressedMemberOnAnotherNodeAndTheRoomHearsSignalsToAll() {
        String redis = TestRedis.url();
        Map<String, String> settings = Map.of("redis-url", redis,
                "jwt-secret", "call-test-secret-that-is-long-enough-0123456789");
        try (TestDatabase db = TestDatabase.postgres();
             TestServer nodeA = TestServer.start(db, settings);
             TestServer nodeB = TestServer.start(db, settings)) {
            Account ann = Accounts.register(nodeA.api(), "call_ann");
            Account bob = Accounts.register(nodeB.api(), "call_bob");
            Account cat = Accounts.register(nodeA.api(), "call_cat");
            long roomId = nodeA.api().post("/api/rooms", Map.of("name", "Calls", "memberIds", List.of(bob.id(), cat.id())),
                    ann.accessToken()).json().path("id").asLong();

            try (ChatSocket annOnA = ChatSocket.connect(nodeA.baseUrl(), ann.accessToken());
                 ChatSocket annAlsoOnB = ChatSocket.connect(nodeB.baseUrl(), ann.accessToken());
                 ChatSocket bobOnB = ChatSocket.connect(nodeB.baseUrl(), bob.accessToken());
                 ChatSocket catOnA = ChatSocket.connect(nodeA.baseUrl(), cat.accessToken())) {
                for (ChatSocket s : List.of(annOnA, annAlsoOnB, bobOnB, catOnA)) s.await("presence_snapshot", x -> true);

                JsonNode ack = annOnA.call("video_call_offer", Map.of("roomId", roomId, "to", bob.id(),
                        "offer", Map.of("type", "offer", "sdp", "v=0 ann"), "callId", "c-1"));
                assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
                JsonNode offer = bobOnB.awaitFirst("video_call_offer", o -> o.path("callId").asString().equals("c-1"));
                assertThat(offer.path("roomId").asLong()).isEqualTo(roomId);
                assertThat(offer.path("from").path("userId").asLong()).isEqualTo(ann.id());
                assertThat(offer.path("from").path("username").asString()).isEqualTo(ann.username());
                assertThat(offer.path("offer").isObject()).as("the offer is relayed as an object, not a string").isTrue();
                assertThat(offer.path("offer").path("type").asString()).isEqualTo("offer");
                assertThat(offer.path("offer").path("sdp").asString()).isEqualTo("v=0 ann");
                assertThat(offer.propertyNames()).containsExactlyInAnyOrder("roomId", "from", "offer", "callId");

                bobOnB.call("video_call_answer", Map.of("roomId", roomId, "to", ann.id(),
                        "answer", Map.of("type", "answer", "sdp", "v=0 bob"), "callId", "c-1"));
                JsonNode answer = annOnA.awaitFirst("video_call_answer", a -> a.path("callId").asString().equals("c-1"));
                assertThat(answer.path("answer").path("sdp").asString()).isEqualTo("v=0 bob");
                annAlsoOnB.awaitFirst("video_call_answer", a -> a.path("callId").asString().equals("c-1"));

                annOnA.call("ice_candidate", Map.of("roomId", roomId, "candidate",
                        Map.of("candidate", "candidate:1 1 udp 1 10.0.0.1 5000 typ host", "sdpMLineIndex", 0)));
                JsonNode candidate = bobOnB.awaitFirst("ice_candidate", c -> true);
                assertThat(candidate.path("candidate").path("sdpMLineIndex").isIntegralNumber()).isTrue();
                assertThat(candidate.has("callId")).isFalse();
                catOnA.awaitFirst("ice_candidate", c -> c.path("from").path("userId").asLong() == ann.id());

                annOnA.call("end_call", Map.of("roomId", roomId));
                JsonNode end = bobOnB.awaitFirst("end_call", e -> true);
                assertThat(end.propertyNames()).containsExactlyInAnyOrder("roomId", "from");
                catOnA.awaitFirst("end_call", e -> true);

                assertThat(catOnA.drain("video_call_offer")).as("an offer to bob is for bob only").isEmpty();
                assertThat(annOnA.drain("ice_candidate")).as("the sender's sockets hear nothing of their own").isEmpty();
                assertThat(annAlsoOnB.drain("ice_candidate")).isEmpty();
                assertThat(annAlsoOnB.drain("end_call")).isEmpty();
            }
        }
    }

    @Test
    void participantsOnDifferentNodesCompleteACallsSignallingAddressedByDevice() {
        Map<String, String> settings = Map.of("redis-url", TestRedis.url(),
                "jwt-secret", "call-test-secret-that-is-long-enough-0123456789");
        try (TestDatabase db = TestDatabase.postgres();
             TestServer nodeA = TestServer.start(db, settings);
             TestServer nodeB = TestServer.start(db, settings)) {
            Account ann = Accounts.register(nodeA.api(), "dev_ann");
            Account bob = Accounts.register(nodeB.api(), "dev_bob");
            Account cat = Accounts.register(nodeA.api(), "dev_cat");
            long roomId = nodeA.api().post("/api/rooms", Map.of("name", "Mesh", "memberIds", List.of(bob.id(), cat.id())),
                    ann.accessToken()).json().path("id").asLong();
            try (ChatSocket annOnA = ChatSocket.connect(nodeA.baseUrl(), ann.accessToken());
                 ChatSocket annOnB = ChatSocket.connect(nodeB.baseUrl(), ann.accessToken());
                 ChatSocket bobOnB = ChatSocket.connect(nodeB.baseUrl(), bob.accessToken());
                 ChatSocket catOnA = ChatSocket.connect(nodeA.baseUrl(), cat.accessToken())) {
                JsonNode started = annOnA.call("call_start", Map.of("roomId", roomId, "kind", "video")).path("ok");
                String callId = started.path("id").asString();
                bobOnB.awaitFirst("call_ringing", c -> c.path("id").asString().equals(callId));
                catOnA.awaitFirst("call_ringing", c -> c.path("id").asString().equals(callId));

                // bob joins on node B and offers to the one device already in the call, ann's on node A
                JsonNode joined = bobOnB.call("call_accept", Map.of("callId", callId)).path("ok");
                assertThat(joined.path("state").asString()).isEqualTo("active");
                annOnB.awaitFirst("call_updated", c -> c.path("state").asString().equals("active"));
                signal(bobOnB, "video_call_offer", roomId, callId, ann.id(), annOnA.id(), "offer", "v=0 bob");
                JsonNode offer = annOnA.awaitFirst("video_call_offer", o -> callId.equals(o.path("callId").asString()));
                assertThat(offer.path("from").path("deviceId").asString()).isEqualTo(bobOnB.id());
                assertThat(offer.path("offer").path("sdp").asString()).isEqualTo("v=0 bob");
                signal(annOnA, "video_call_answer", roomId, callId, bob.id(), bobOnB.id(), "answer", "v=0 ann");
                JsonNode answer = bobOnB.awaitFirst("video_call_answer", a -> true);
                assertThat(answer.path("from").path("deviceId").asString()).isEqualTo(annOnA.id());
                signal(bobOnB, "ice_candidate", roomId, callId, ann.id(), annOnA.id(), "candidate", "candidate:1");
                annOnA.awaitFirst("ice_candidate", c -> c.path("from").path("deviceId").asString().equals(bobOnB.id()));

                // cat joins on node A and offers to both devices in the call
                JsonNode three = catOnA.call("call_accept", Map.of("callId", callId)).path("ok");
                assertThat(three.path("participants")).hasSize(3);
                signal(catOnA, "video_call_offer", roomId, callId, ann.id(), annOnA.id(), "offer", "v=0 cat-ann");
                signal(catOnA, "video_call_offer", roomId, callId, bob.id(), bobOnB.id(), "offer", "v=0 cat-bob");
                annOnA.awaitFirst("video_call_offer", o -> o.path("offer").path("sdp").asString().equals("v=0 cat-ann"));
                bobOnB.awaitFirst("video_call_offer", o -> o.path("offer").path("sdp").asString().equals("v=0 cat-bob"));
                signal(bobOnB, "video_call_answer", roomId, callId, cat.id(), catOnA.id(), "answer", "v=0 bob-cat");
                signal(annOnA, "video_call_answer", roomId, callId, cat.id(), catOnA.id(), "answer", "v=0 ann-cat");
                // ann's answer is delivered on node A at once, bob's crosses Redis: they may arrive in either order
                Set<String> answers = new HashSet<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(catOnA.awaitFirst("video_call_answer", a -> true).path("answer").path("sdp").asString());
                }
                assertThat(answers).containsExactlyInAnyOrder("v=0 bob-cat", "v=0 ann-cat");

                JsonNode toAnOutsiderDevice = annOnA.call("video_call_offer", Map.of("roomId", roomId, "callId", callId,
                        "toDevice", annOnB.id(), "offer", Map.of("sdp", "x")));
                assertThat(toAnOutsiderDevice.path("error").path("code").asString())
                        .as("a device that is not in the call").isEqualTo("not_found");

                for (ChatSocket s : List.of(catOnA, bobOnB, annOnA)) {
                    assertThat(s.call("call_leave", Map.of("callId", callId)).path("ok").asBoolean()).isTrue();
                }
                JsonNode ended = annOnB.awaitFirst("call_ended", e -> e.path("callId").asString().equals(callId));
                assertThat(ended.path("reason").asString()).isEqualTo("completed");
                assertThat(annOnB.drain("video_call_offer")).as("signals to ann's device on A only").isEmpty();
                assertThat(annOnB.drain("video_call_answer")).isEmpty();
                assertThat(annOnB.drain("ice_candidate")).isEmpty();
                assertThat(catOnA.drain("video_call_offer")).as("bob's offer was for ann's device").isEmpty();
            }
        }
    }

    @Test
    void whenANodeGoesAwayAnotherNodeDropsItsParticipantsOnce() {
        Map<String, String> settings = Map.of("redis-url", TestRedis.url(),
                "jwt-secret", "call-test-secret-that-is-long-enough-0123456789", "call-rejoin-grace", "2s");
        try (TestDatabase db = TestDatabase.postgres();
             TestServer nodeA = TestServer.start(db, settings);
             TestServer nodeB = TestServer.start(db, settings)) {
            Account ann = Accounts.register(nodeA.api(), "gone_ann");
            Account bob = Accounts.register(nodeB.api(), "gone_bob");
            Account cat = Accounts.register(nodeA.api(), "gone_cat");
            long roomId = nodeA.api().post("/api/rooms", Map.of("name", "Lost", "memberIds", List.of(bob.id(), cat.id())),
                    ann.accessToken()).json().path("id").asLong();
            try (ChatSocket annOnA = ChatSocket.connect(nodeA.baseUrl(), ann.accessToken());
                 ChatSocket catOnA = ChatSocket.connect(nodeA.baseUrl(), cat.accessToken());
                 ChatSocket bobOnB = ChatSocket.connect(nodeB.baseUrl(), bob.accessToken())) {
                String callId = annOnA.call("call_start", Map.of("roomId", roomId, "kind", "audio")).path("ok")
                        .path("id").asString();
                assertThat(bobOnB.call("call_accept", Map.of("callId", callId)).has("ok")).isTrue();
                assertThat(catOnA.call("call_accept", Map.of("callId", callId)).has("ok")).isTrue();
                annOnA.awaitFirst("call_updated", c -> c.path("participants").size() == 3);

                nodeB.close();
                JsonNode without = annOnA.awaitFirst("call_updated", c -> c.path("participants").size() == 2);
                assertThat(without.path("participants")).extracting(p -> p.path("userId").asLong())
                        .containsExactly(ann.id(), cat.id());
                assertThat(without.path("state").asString()).isEqualTo("active");
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertThat(annOnA.drain("call_updated")).as("bob is dropped once, by one node").isEmpty();
                for (ChatSocket s : List.of(annOnA, catOnA)) s.call("call_leave", Map.of("callId", callId));
                JsonNode ended = catOnA.awaitFirst("call_ended", e -> e.path("callId").asString().equals(callId));
                assertThat(ended.path("reason").asString()).isEqualTo("completed");
            }
        }
    }

    private static void signal(ChatSocket from, String event, long roomId, String callId, long to, String toDevice,
                               String field, String sdp) {
        JsonNode ack = from.call(event, Map.of("roomId", roomId, "callId", callId, "to", to, "toDevice", toDevice,
                field, Map.of("type", field, "sdp", sdp)));
        assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
    }

    @Test
    void aNonMemberCannotSignalNorBeSignalled() {
        try (TestServer node = TestServer.start()) {
            Account ann = Accounts.register(node.api(), "call_owner");
            Account bob = Accounts.register(node.api(), "call_member");
            Account eve = Accounts.register(node.api(), "call_outsider");
            long roomId = node.api().post("/api/rooms", Map.of("name", "Private call", "memberIds", List.of(bob.id())),
                    ann.accessToken()).json().path("id").asLong();
            try (ChatSocket sa = ChatSocket.connect(node.baseUrl(), ann.accessToken());
                 ChatSocket sb = ChatSocket.connect(node.baseUrl(), bob.accessToken());
                 ChatSocket se = ChatSocket.connect(node.baseUrl(), eve.accessToken())) {
                for (ChatSocket s : List.of(sa, sb, se)) s.await("presence_snapshot", x -> true);

                JsonNode intrusion = se.call("video_call_offer", Map.of("roomId", roomId, "to", bob.id(),
                        "offer", Map.of("sdp", "eve")));
                assertThat(intrusion.path("error").path("code").asString()).isEqualTo("not_found");
                JsonNode toOutsider = sa.call("video_call_offer", Map.of("roomId", roomId, "to", eve.id(),
                        "offer", Map.of("sdp", "ann")));
                assertThat(toOutsider.path("error").path("code").asString()).isEqualTo("not_found");

                sa.call("end_call", Map.of("roomId", roomId));
                sb.awaitFirst("end_call", e -> e.path("from").path("userId").asLong() == ann.id());
                assertThat(sb.drain("video_call_offer")).as("the outsider's offer").isEmpty();
                assertThat(se.eventNames()).as("events heard by the outsider").doesNotContain("video_call_offer", "end_call");
            }
        }
    }
}
