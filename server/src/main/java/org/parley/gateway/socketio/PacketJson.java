package org.parley.gateway.socketio;

import java.nio.ByteBuffer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The JSON mapper of the gateway. Reading is bounded: shallow nesting, short numbers, no trailing
 * tokens, so hostile payloads fail fast instead of costing CPU or memory.
 */
public final class PacketJson {

    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_NUMBER_LENGTH = 64;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private PacketJson() {}

    /** Converts an argument to a JSON node; byte arrays and buffers become binary attachments. */
    public static JsonNode toNode(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case JsonNode node -> node;
            case byte[] bytes -> NODES.binaryNode(bytes);
            case ByteBuffer buffer -> {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                yield NODES.binaryNode(bytes);
            }
            case String text -> NODES.stringNode(text);
            default -> MAPPER.valueToTree(value);
        };
    }
}
