package org.parley.gateway;

import org.parley.socketio.EventArgs;
import org.parley.json.Commands;
import tools.jackson.databind.JsonNode;

/**
 * Reads chat event arguments: the first argument as an object, decoded into a command by the
 * same strict decoder REST uses ({@link Commands}), or a bare room id. Ids are numbers or
 * numeric strings; strings must be strings.
 */
final class Payloads {
    private Payloads() {}

    /** The command carried as the first argument, an object. */
    static <T extends Record> T command(EventArgs args, Class<T> type) {
        return Commands.decode(object(args), type);
    }

    /** A room id given directly as the first argument ({@code join_room(roomId)}) or as {@code {roomId}}. */
    static long roomIdArg(EventArgs args) {
        JsonNode first = args.get(0);
        return first.isObject() ? requiredId(first, "roomId") : Commands.id(first, "roomId");
    }

    static JsonNode object(EventArgs args) {
        JsonNode first = args.get(0);
        if (!first.isObject()) throw new BadPayloadException("Expected an object as the first argument.");
        return first;
    }

    static long requiredId(JsonNode object, String field) {
        return Commands.requiredId(object, field);
    }

    static Long optionalLong(JsonNode object, String field) {
        return Commands.optionalId(object, field);
    }

    static String string(JsonNode object, String field) {
        return Commands.string(object, field);
    }
}
