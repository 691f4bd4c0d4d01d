package org.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.json.Json;

/** What the Redis bus writes and reads: every event survives the trip, payloads raw and intact, with its topic. */
class BusWireTest {
    private static final JsonPayload BODY = new JsonPayload(
            "{\"content\":\"caf\u00e9 \\\"quoted\\\" \\n \uD83D\uDC4B\",\"n\":12345678901234,\"x\":1.50,\"list\":[true,null,{}]}");

    private static final List<BusEvent> EVERY_EVENT = List.of(
            new BusEvent.MessageCreated(12, 40, BODY),
            new BusEvent.MessageChanged(12, BODY),
            new BusEvent.ReadMarkMoved(12, 7, 40, 2, 1),
            new BusEvent.ThreadReadMoved(7, 12, 30, 41),
            new BusEvent.RoomUpdated(12, "Name", "About"),
            new BusEvent.RoomJoined(7, 12),
            new BusEvent.NotificationSettingsChanged(7, 12, "mentions", null),
            new BusEvent.NotificationSettingsChanged(7, 12, "all", 1_800_000_000_000L),
            new BusEvent.MemberAdded(12, 7, BODY),
            new BusEvent.MemberUpdated(12, BODY),
            new BusEvent.MemberRemoved(12, 7),
            new BusEvent.RoomDeleted(12, List.of(7L, 8L)),
            new BusEvent.TypingChanged(12, 7, "ann", true),
            new BusEvent.PresenceChanged(7, "online", null, List.of(8L, 9L)),
            new BusEvent.SessionRevoked(7, "family-1"),
            new BusEvent.CallSignalled(12, 7, "ann", 8L, "offer", BODY, "call-1"),
            new BusEvent.CallSignalled(12, 7, "ann", null, "end", null, null),
            new BusEvent.CallSignalled(12, 7, "ann", 8L, "answer", BODY, "call-1", "dev-a", "dev-b"),
            new BusEvent.CallRinging(12, 7, BODY),
            new BusEvent.CallUpdated(12, BODY),
            new BusEvent.CallEnded(12, null, BODY),
            new BusEvent.CallEnded(12, 8L, BODY));

    @Test
    void everyKindOfEventIsCovered() {
        assertThat(EVERY_EVENT.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(BusEvent.class.getPermittedSubclasses()));
    }

    @Test
    void everyEventTravelsWithItsTopicAndComesBackEqual() {
        for (BusEvent event : EVERY_EVENT) {
            String wire = Json.MAPPER.writeValueAsString(new RedisBus.Envelope("node-1", event.topic().key(), event));
            RedisBus.Envelope back = Json.MAPPER.readValue(wire, RedisBus.Envelope.class);
            assertThat(back.event()).as(wire).isEqualTo(event);
            assertThat(back.topic()).isEqualTo(event.topic().key());
            assertThat(back.node()).isEqualTo("node-1");
            assertThat(Json.MAPPER.readTree(wire).path("event").has("topic")).as("the topic is not a field of the event").isFalse();
            assertThat(Json.MAPPER.readTree(wire).path("event").has("everyNode")).as("nor is its routing").isFalse();
        }
    }

    @Test
    void aPayloadIsWrittenAsJsonNotAsAStringAndReadBackTextForText() {
        String wire = Json.MAPPER.writeValueAsString(new BusEvent.MessageCreated(12, 40, BODY));
        assertThat(wire).contains("\"message\":" + BODY.json());
        assertThat(Json.MAPPER.readTree(wire).path("message").isObject()).isTrue();
        assertThat(Json.MAPPER.readValue(wire, BusEvent.class)).isEqualTo(new BusEvent.MessageCreated(12, 40, BODY));
    }

    @Test
    void onlyEventsWithoutOneRoomOrUserAudienceGoToEveryNode() {
        assertThat(EVERY_EVENT.stream().filter(BusEvent::everyNode).map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(BusEvent.PresenceChanged.class, BusEvent.SessionRevoked.class,
                        BusEvent.MemberAdded.class);
        assertThat(RedisBus.channel(Topic.room(12))).isEqualTo("parley:room:12");
        assertThat(RedisBus.channel(Topic.user(7))).isEqualTo("parley:user:7");
    }

    @Test
    void topicKeysParseBackAndNothingElseDoes() {
        for (Topic topic : List.of(Topic.room(12), Topic.user(7), Topic.presence(7))) {
            assertThat(Topic.parse(topic.key())).contains(topic);
        }
        for (String key : List.of("room:", "room:x", "room:-1", "room", "lobby:1", "Wk3sdQ", "user:1:2",
                "room:99999999999999999999")) {
            assertThat(Topic.parse(key)).as(key).isEmpty();
        }
    }

    @Test
    void topicsOfARoomAndOfAUserOrTheirPresence() {
        assertThat(Topic.room(12).key()).isEqualTo("room:12");
        assertThat(Topic.user(7).key()).isEqualTo("user:7");
        assertThat(Topic.presence(7).key()).isEqualTo("presence:7");
        assertThat(new BusEvent.ReadMarkMoved(12, 7, 40, 2, 1).topic()).as("the reader is in the room").isEqualTo(Topic.room(12));
        assertThat(new BusEvent.RoomJoined(7, 12).topic()).as("the newcomer is not in the room yet").isEqualTo(Topic.user(7));
        assertThat(new BusEvent.CallSignalled(12, 7, "ann", 8L, "offer", BODY, null).topic()).isEqualTo(Topic.user(8));
        assertThat(new BusEvent.CallSignalled(12, 7, "ann", null, "end", null, null).topic()).isEqualTo(Topic.room(12));
        assertThat(new BusEvent.CallEnded(12, 8L, BODY).topic()).as("a removed member's own end").isEqualTo(Topic.user(8));
        assertThat(new BusEvent.CallEnded(12, null, BODY).topic()).isEqualTo(Topic.room(12));
    }
}
