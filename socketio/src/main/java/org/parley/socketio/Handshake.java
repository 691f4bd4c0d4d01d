package org.parley.socketio;

import java.time.Instant;
import org.parley.socketio.engine.EngineRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client presented when it joined a namespace: the CONNECT auth object (empty when none)
 * and the HTTP request that opened its connection.
 */
public record Handshake(ObjectNode auth, EngineRequest request, Instant issued) {

    /** A string field of the auth object, or null. */
    public String authString(String field) {
        var value = auth.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
