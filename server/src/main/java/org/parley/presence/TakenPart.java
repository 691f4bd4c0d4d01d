package org.parley.presence;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import org.parley.json.Json;

/**
 * The members this node has seen take part in a room (sent a message or read one), so that only
 * a member's first message or read writes {@code room_opens}: every later one is a lookup. A
 * member who leaves or a room that goes is forgotten, as the table forgets them.
 */
final class TakenPart {
    private final Map<Long, Set<Long>> byRoom = new ConcurrentHashMap<>();

    boolean knows(long roomId, long userId) {
        Set<Long> users = byRoom.get(roomId);
        return users != null && users.contains(userId);
    }

    void remember(long roomId, long userId) {
        byRoom.computeIfAbsent(roomId, id -> ConcurrentHashMap.newKeySet()).add(userId);
    }

    void forget(long roomId, long userId) {
        Set<Long> users = byRoom.get(roomId);
        if (users != null) users.remove(userId);
    }

    void forgetRoom(long roomId) {
        byRoom.remove(roomId);
    }

    /** The {@code sender.id} of a message as clients see it, read without building a tree; 0 if absent. */
    static long senderId(String messageJson) {
        try (JsonParser p = Json.MAPPER.createParser(messageJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return 0;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("sender") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (field.equals("id") && v == JsonToken.VALUE_NUMBER_INT) return p.getLongValue();
                        p.skipChildren();
                    }
                    return 0;
                }
                p.skipChildren();
            }
            return 0;
        }
    }
}
