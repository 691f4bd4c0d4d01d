package org.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.bus.JsonPayload;
import org.parley.socketio.PacketEncoder;
import org.parley.socketio.PacketJson;
import org.parley.socketio.SocketPacket;
import org.parley.messages.Message;
import org.parley.rooms.Member;
import org.parley.rooms.Role;
import org.parley.users.PublicUser;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * A payload serialized by a service reaches clients as the very packet the record itself would
 * give, and is written on the direct path: raw JSON, no tree, not a string.
 */
class RawPayloadEmitTest {
    private static final Message MESSAGE = new Message(41, 12, 7, 9, Message.TEXT, "caf\u00e9 \"hi\" \uD83D\uDC4B",
            new PublicUser(3, "ann", "Ann"), "client-1", null, 1_700_000_000_000L, 1_700_000_000_500L, false,
            List.of(new Message.Reaction("\uD83D\uDC4D", 2, List.of(3L, 4L))), List.of(), List.of(4L), false,
            null, new Message.Thread(2, 1_700_000_000_400L, 11, List.of(4L, 3L)));
    private static final Member MEMBER = new Member(4, "bob", "Bob", Role.ADMIN, 1_700_000_000_000L, 6);

    @Test
    void aMessageIsEmittedByteForByteAsTheRecordWas() {
        assertThat(packet("receive_message", JsonPayload.of(MESSAGE))).isEqualTo(packet("receive_message", MESSAGE));
        assertThat(packet("receive_message", JsonPayload.of(MESSAGE))).startsWith("2[\"receive_message\",{\"id\":41,");
    }

    @Test
    void aMemberInsideAMapIsEmittedByteForByteAsTheRecordWas() {
        assertThat(packet("member_added", Map.of("roomId", 12L, "member", JsonPayload.of(MEMBER))))
                .isEqualTo(packet("member_added", Map.of("roomId", 12L, "member", MEMBER)));
    }

    @Test
    void aPayloadNeedsNoJsonTree() {
        JsonMapper treeless = PacketJson.MAPPER.rebuild()
                .addModule(new SimpleModule("no-trees").addSerializer(JsonNode.class, new ValueSerializer<>() {
                    @Override
                    public void serialize(JsonNode value, JsonGenerator gen, SerializationContext ctxt) {
                        throw new AssertionError("a JSON tree was written");
                    }
                }))
                .build();
        JsonPayload payload = JsonPayload.of(MESSAGE);
        assertThat(treeless.writeValueAsString(List.of("receive_message", payload)))
                .isEqualTo("[\"receive_message\"," + payload.json() + "]");
    }

    private static String packet(String event, Object arg) {
        return PacketEncoder.event("/", SocketPacket.NO_ACK, event, new Object[] {arg}, null).text();
    }
}
