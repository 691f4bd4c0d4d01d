package org.parley.gateway;

import org.parley.socketio.EventArgs;
import tools.jackson.databind.JsonNode;

/** Reads the fields of chat event arguments, accepting ids as numbers or numeric strings. */
final class Payloads {
    private Payloads() {}

    /** A room id given directly as the first argument ({@code join_room(roomId)}) or as {@code {roomId}}. */
    static long roomIdArg(EventArgs args) {
        JsonNode first = args.get(0);
        return first.isObject() ? requiredId(first, "roomId") : id(first, "roomId");
    }

    static JsonNode object(EventArgs args) {
        JsonNode first = args.get(0);
        if (!first.isObject()) throw new BadPayloadException("Expected an object as the first argument.");
        return first;
    }

    static long requiredId(JsonNode object, String field) {
        return id(object.path(field), field);
    }

    static Long optionalLong(JsonNode object, String field) {
        JsonNode n = object.path(field);
        return n.isMissingNode() || n.isNull() ? null : id(n, field);
    }

    static String string(JsonNode object, String field) {
        JsonNode n = object.path(field);
        if (n.isMissingNode() || n.isNull()) return null;
        if (!n.isString()) throw new BadPayloadException(field + " must be a string.");
        return n.stringValue();
    }

    private static long id(JsonNode n, String field) {
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        if (n.isString()) {
            try {
                return Long.parseLong(n.stringValue());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new BadPayloadException(field + " must be a number.");
    }
}
