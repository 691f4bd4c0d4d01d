package org.parley.socketio;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** The arguments of an event or an acknowledgement, as JSON nodes (binary values as binary nodes). */
public final class EventArgs {

    private final ArrayNode args;

    public EventArgs(ArrayNode args) {
        this.args = args;
    }

    /** The arguments of an event packet: its data without the leading event name. */
    static EventArgs ofEvent(ArrayNode data) {
        ArrayNode args = PacketJson.NODES.arrayNode(Math.max(0, data.size() - 1));
        for (int i = 1; i < data.size(); i++) {
            args.add(data.get(i));
        }
        return new EventArgs(args);
    }

    public int size() {
        return args.size();
    }

    /** The i-th argument, or a missing node when absent. */
    public JsonNode get(int index) {
        return args.path(index);
    }

    /** The i-th argument as a string, or null when it is absent or not a string. */
    public String string(int index) {
        JsonNode node = args.get(index);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** The i-th argument as bytes, or null when it is absent or not binary. */
    public byte[] bytes(int index) {
        JsonNode node = args.get(index);
        return node != null && node.isBinary() ? node.binaryValue() : null;
    }

    /**
     * The i-th argument mapped to {@code type} (records work).
     *
     * @throws IllegalArgumentException when it is absent or does not fit
     */
    public <T> T as(int index, Class<T> type) {
        JsonNode node = args.get(index);
        if (node == null) {
            throw new IllegalArgumentException("missing argument " + index);
        }
        try {
            return PacketJson.MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("argument " + index + " is not a " + type.getSimpleName(), e);
        }
    }

    public List<JsonNode> asList() {
        return new ArrayList<>(args.valueStream().toList());
    }

    public ArrayNode node() {
        return args;
    }

    @Override
    public String toString() {
        return args.toString();
    }
}
