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
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Every client event is rate limited per user, and the call signals are limited in size: past
 * the limit the ack is {@code rate_limited} with {@code retryAfterMs}, or {@code invalid_input},
 * the event changes nothing and the connection stays up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientEventLimitsTest {
    private final TestServer server = TestServer.start(null, Map.of("message-burst", "1000"));
    private final Account ann = Accounts.register(server.api(), "lim_ann");
    private final Account bob = Accounts.register(server.api(), "lim_bob");
    private final long roomId = server.api().post("/api/rooms", Map.of("name", "Limits", "memberIds", List.of(bob.id())),
            ann.accessToken()).json().path("id").asLong();

    @AfterAll
    void stop() {
        server.close();
    }

    /** Sends the event until it is refused; returns how many were accepted and the refusal. */
    private static Refusal flood(ChatSocket socket, String event, Supplier<Object> payload) {
        for (int accepted = 0; accepted < 1000; accepted++) {
            JsonNode ack = socket.call(event, payload.get());
            if (ack.has("error")) return new Refusal(accepted, ack.path("error"));
        }
        throw new AssertionError(event + ": 1000 accepted in a row, no limit");
    }

    private record Refusal(int accepted, JsonNode error) {}

    private void assertLimited(ChatSocket socket, String event, int burst, Supplier<Object> payload) {
        Refusal r = flood(socket, event, payload);
        assertThat(r.error().path("code").asString()).as(event + ": " + r.error()).isEqualTo("rate_limited");
        assertThat(r.error().path("retryAfterMs").asLong()).as(event).isPositive();
        // the bucket refills while the flood runs (ice_candidate by 10 a second), hence the margin
        assertThat(r.accepted()).as(event + " accepted before the limit").isBetween(burst, burst + burst / 2);
    }

    @Test
    void messageEventsAreRateLimitedPerUser() {
        try (ChatSocket socket = ChatSocket.connect(server.baseUrl(), ann.accessToken())) {
            long seq = socket.call("send_message", Map.of("roomId", roomId, "content", "to edit"))
                    .path("ok").path("seq").asLong();
            int[] n = {0};
            assertLimited(socket, "edit_message", 20, () -> Map.of("roomId", roomId, "seq", seq, "content", "v" + n[0]++));
            assertLimited(socket, "react", 30, () -> Map.of("roomId", roomId, "seq", seq, "emoji", "👍"));
            assertLimited(socket, "mark_read", 30, () -> Map.of("roomId", roomId, "seq", seq));
            assertLimited(socket, "set_presence", 10, () -> Map.of("status", "online"));
            assertLimited(socket, "watch_presence", 10, () -> Map.of("userIds", List.of(bob.id())));
            assertLimited(socket, "sync", 10, () -> Map.of("rooms", Map.of(String.valueOf(roomId), 0)));
            assertLimited(socket, "stop_typing", 20, () -> roomId);
            for (int i = 0; i < 25; i++) socket.call("send_message", Map.of("roomId", roomId, "content", "del " + i));
            long[] next = {seq + 1};
            assertLimited(socket, "delete_message", 20, () -> Map.of("roomId", roomId, "seq", next[0]++));
            assertThat(socket.connected()).isTrue();
        }
    }

    @Test
    void callSignalsAreRateLimitedPerConnection() {
        try (ChatSocket socket = ChatSocket.connect(server.baseUrl(), bob.accessToken())) {
            // offers, answers, candidates and hang-ups share one budget of 100 per 10 s per connection
            assertLimited(socket, "ice_candidate", 100, () -> Map.of("roomId", roomId, "candidate", Map.of("candidate", "c")));
            // the others draw on the same, now empty, budget: a token refilled meanwhile lets one or two through
            for (String event : List.of("video_call_offer", "video_call_answer", "end_call")) {
                List<JsonNode> replies = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    replies.add(socket.call(event, Map.of("roomId", roomId, "offer", Map.of("sdp", "v=0"),
                            "answer", Map.of("sdp", "v=0"))));
                }
                assertThat(replies).as(event).anySatisfy(r ->
                        assertThat(r.path("error").path("code").asString()).isEqualTo("rate_limited"));
            }
            assertThat(socket.connected()).isTrue();
        }
    }

    @Test
    void callSignalBodiesAreLimitedInSize() {
        Account cat = Accounts.register(server.api(), "lim_cat");
        long room = server.api().post("/api/rooms", Map.of("name", "Sizes", "memberIds", List.of(bob.id())),
                cat.accessToken()).json().path("id").asLong();
        try (ChatSocket caller = ChatSocket.connect(server.baseUrl(), cat.accessToken());
             ChatSocket callee = ChatSocket.connect(server.baseUrl(), bob.accessToken())) {
            JsonNode big = caller.call("video_call_offer", Map.of("roomId", room, "offer", Map.of("sdp", "x".repeat(17_000))));
            assertThat(big.path("error").path("code").asString()).as(big.toString()).isEqualTo("invalid_input");
            assertThat(big.path("error").path("fields").has("offer")).isTrue();
            JsonNode bigCandidate = caller.call("ice_candidate", Map.of("roomId", room,
                    "candidate", Map.of("candidate", "x".repeat(5_000))));
            assertThat(bigCandidate.path("error").path("fields").has("candidate")).as(bigCandidate.toString()).isTrue();
            JsonNode longId = caller.call("end_call", Map.of("roomId", room, "callId", "c".repeat(200)));
            assertThat(longId.path("error").path("code").asString()).as(longId.toString()).isEqualTo("invalid_input");
            assertThat(longId.path("error").path("message").asString()).contains("callId");
            assertThat(callee.drain("video_call_offer")).as("nothing refused was relayed").isEmpty();

            JsonNode fits = caller.call("video_call_offer", Map.of("roomId", room, "offer", Map.of("sdp", "x".repeat(15_000)),
                    "callId", "call-1"));
            assertThat(fits.has("ok")).as(fits.toString()).isTrue();
            callee.awaitFirst("video_call_offer", o -> o.path("callId").asString().equals("call-1"));
        }
    }
}
