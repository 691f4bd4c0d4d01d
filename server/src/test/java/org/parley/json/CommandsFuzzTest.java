package org.parley.json;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Coverage-guided fuzzing of REST JSON decoding: any body is parsed by the API's mapper and
 * decoded into the request commands; it either decodes or is refused as {@code invalid_input}
 * (the 400 a client gets) or as a parse error (also a 400), never with any other failure, which
 * would be a 500. Without {@code JAZZER_FUZZ=1} it replays the inputs in its resource folder.
 */
class CommandsFuzzTest {

    /** The shapes Commands decodes: numbers, optional numbers, strings and lists of numbers. */
    record Everything(long roomId, Long replyTo, String content, List<Long> memberIds) {}

    private static final List<Class<? extends Record>> COMMANDS = List.of(Everything.class,
            org.parley.messages.SendMessage.class, org.parley.messages.EditMessage.class,
            org.parley.messages.React.class, org.parley.rooms.CreateRoom.class, org.parley.rooms.AddMembers.class,
            org.parley.rooms.UpdateRoom.class, org.parley.rooms.OpenDirect.class);

    private static final List<String> FIELDS = List.of("roomId", "replyTo", "content", "memberIds", "seq", "emoji",
            "clientId", "name", "description", "userIds", "userId", "other");

    /**
     * Half of the inputs are raw body text; the other half build a JSON object field by field with
     * values of every JSON type, so the fuzzer reaches the type rules without learning JSON syntax.
     */
    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesAnyBody(FuzzedDataProvider data) {
        Class<? extends Record> type = data.pickValue(COMMANDS);
        JsonNode body;
        if (data.consumeBoolean()) {
            ObjectNode object = Json.MAPPER.createObjectNode();
            int fields = data.consumeInt(0, 6);
            for (int i = 0; i < fields; i++) object.set(data.pickValue(FIELDS), value(data, 0));
            body = object;
        } else {
            try {
                body = Json.MAPPER.readTree(data.consumeRemainingAsString());
            } catch (JacksonException unparsable) {
                return;
            }
        }
        if (body == null || !body.isObject()) return;
        try {
            Commands.decode(body, type);
        } catch (ParleyException refused) {
            if (refused.code() != ErrorCode.INVALID_INPUT) throw refused;
        }
    }

    private static JsonNode value(FuzzedDataProvider data, int depth) {
        var nodes = Json.MAPPER.getNodeFactory();
        return switch (data.consumeInt(0, depth < 3 ? 9 : 7)) {
            case 0 -> nodes.numberNode(data.consumeLong());
            case 1 -> nodes.numberNode(data.consumeDouble());
            case 2 -> nodes.numberNode(new java.math.BigInteger(1, data.consumeBytes(16)));
            case 3 -> nodes.stringNode(data.consumeString(40));
            case 4 -> nodes.stringNode(Long.toString(data.consumeLong()));
            case 5 -> nodes.booleanNode(data.consumeBoolean());
            case 6 -> nodes.nullNode();
            case 7 -> nodes.numberNode(new java.math.BigDecimal(data.consumeLong()).scaleByPowerOfTen(-data.consumeInt(0, 40)));
            case 8 -> {
                ArrayNode array = nodes.arrayNode();
                int n = data.consumeInt(0, 4);
                for (int i = 0; i < n; i++) array.add(value(data, depth + 1));
                yield array;
            }
            default -> {
                ObjectNode object = nodes.objectNode();
                object.set(data.pickValue(FIELDS), value(data, depth + 1));
                yield object;
            }
        };
    }
}
