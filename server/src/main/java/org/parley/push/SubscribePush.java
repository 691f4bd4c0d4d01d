package org.parley.push;

import java.util.Set;
import org.parley.errors.ParleyException;
import org.parley.json.Commands;
import tools.jackson.databind.JsonNode;

/**
 * {@code {endpoint, keys: {p256dh, auth}}}, what a browser's {@code PushSubscription.toJSON()}
 * holds ({@code expirationTime} is accepted and ignored); any other field is refused.
 */
record SubscribePush(String endpoint, String p256dh, String auth) {
    private static final Set<String> FIELDS = Set.of("endpoint", "keys", "expirationTime");
    private static final Set<String> KEY_FIELDS = Set.of("p256dh", "auth");

    static SubscribePush decode(JsonNode body) {
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) throw ParleyException.invalid(name, "Unknown field " + name + ".");
        }
        String endpoint = required(body, "endpoint");
        JsonNode keys = body.path("keys");
        if (!keys.isObject()) throw ParleyException.invalid("keys", "keys must be an object with p256dh and auth.");
        for (String name : keys.propertyNames()) {
            if (!KEY_FIELDS.contains(name)) throw ParleyException.invalid("keys." + name, "Unknown field keys." + name + ".");
        }
        return new SubscribePush(endpoint, requiredKey(keys, "p256dh"), requiredKey(keys, "auth"));
    }

    static String required(JsonNode body, String field) {
        String s = Commands.string(body, field);
        if (s == null || s.isBlank()) throw ParleyException.invalid(field, field + " is required.");
        return s;
    }

    private static String requiredKey(JsonNode keys, String field) {
        JsonNode n = keys.path(field);
        if (n.isMissingNode() || n.isNull()) throw ParleyException.invalid("keys." + field, "keys." + field + " is required.");
        if (!n.isString()) throw ParleyException.invalid("keys." + field, "keys." + field + " must be a string.");
        return n.stringValue();
    }
}
