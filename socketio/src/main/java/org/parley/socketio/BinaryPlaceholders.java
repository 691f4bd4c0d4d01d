package org.parley.socketio;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Swaps binary values for {@code {"_placeholder":true,"num":n}} objects when encoding, and back
 * when decoding, validating every placeholder.
 */
final class BinaryPlaceholders {

    private static final String PLACEHOLDER = "_placeholder";
    private static final String NUM = "num";

    private BinaryPlaceholders() {}

    static boolean containsBinary(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isBinary()) {
            return true;
        }
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                if (containsBinary(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns a copy of {@code node} with binaries replaced by placeholders, adding them to {@code out}. */
    static JsonNode extract(JsonNode node, List<byte[]> out) {
        if (node.isBinary()) {
            ObjectNode placeholder = PacketJson.NODES.objectNode();
            placeholder.put(PLACEHOLDER, true);
            placeholder.put(NUM, out.size());
            out.add(node.binaryValue());
            return placeholder;
        }
        if (node.isArray()) {
            ArrayNode copy = PacketJson.NODES.arrayNode(node.size());
            for (JsonNode child : node.values()) {
                copy.add(extract(child, out));
            }
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = PacketJson.NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), extract(field.getValue(), out));
            }
            return copy;
        }
        return node;
    }

    /** Replaces placeholders in place with the attachments they point to. */
    static JsonNode insert(JsonNode node, List<byte[]> attachments) throws InvalidPacketException {
        if (node.isObject()) {
            JsonNode flag = node.get(PLACEHOLDER);
            if (flag != null && flag.isBoolean() && flag.booleanValue()) {
                JsonNode num = node.get(NUM);
                if (num == null || !num.isIntegralNumber() || !num.canConvertToInt()
                        || num.intValue() < 0 || num.intValue() >= attachments.size()) {
                    throw new InvalidPacketException("illegal attachment placeholder");
                }
                return PacketJson.NODES.binaryNode(attachments.get(num.intValue()));
            }
            ObjectNode object = (ObjectNode) node;
            for (String name : List.copyOf(object.propertyNames())) {
                object.set(name, insert(object.get(name), attachments));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, insert(array.get(i), attachments));
            }
            return array;
        }
        return node;
    }
}
