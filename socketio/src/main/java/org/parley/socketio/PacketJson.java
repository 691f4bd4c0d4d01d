package org.parley.socketio;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
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

    /** Thrown while writing directly when a value needs the tree path; carries no stack trace. */
    private static final RuntimeException NEEDS_TREE = new RuntimeException("binary data or a JSON tree", null, false, false) {};

    /**
     * Writes values straight to JSON text, without building a tree first, and stops at the first
     * value that may hold binary data (bytes, buffers, JSON trees): those need attachments.
     */
    private static final JsonMapper DIRECT = MAPPER.rebuild()
            .disable(SerializationFeature.WRAP_EXCEPTIONS)
            .addModule(new SimpleModule("needs-tree")
                    .addSerializer(byte[].class, refuse())
                    .addSerializer(ByteBuffer.class, refuse())
                    .addSerializer(JsonNode.class, refuse()))
            .build();

    private PacketJson() {}

    /**
     * The JSON array {@code [first, ...values, last]} ({@code last} only when not null), written
     * directly; null when a value holds binary data or a JSON tree, which take the tree path.
     */
    static String directArray(String first, Object[] values, String last) {
        List<Object> items = new ArrayList<>(values.length + 2);
        if (first != null) items.add(first);
        for (Object value : values) {
            if (value instanceof JsonNode || value instanceof byte[] || value instanceof ByteBuffer) return null;
            items.add(value);
        }
        if (last != null) items.add(last);
        try {
            return DIRECT.writeValueAsString(items);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t == NEEDS_TREE) return null;
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> ValueSerializer<T> refuse() {
        return (ValueSerializer<T>) new ValueSerializer<Object>() {
            @Override
            public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
                throw NEEDS_TREE;
            }
        };
    }

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
