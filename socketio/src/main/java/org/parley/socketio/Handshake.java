package org.parley.socketio;

import java.time.Instant;
import org.parley.socketio.engine.EngineRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client presented when it joined a namespace: the CONNECT auth object (empty when none)
 * and the HTTP request that opened its connection.
 *
 * <p>The auth object (typically a credential) is there for the namespace's connect middleware, its
 * recovery filter and its connection handlers; once the connection handlers have returned, the
 * socket's handshake no longer carries it ({@link SocketIoSocket#handshake()} then has an empty
 * auth object), so a connection does not hold its client's credential for its whole life. What a
 * later handler needs of it, a middleware stores as a socket attribute.
 */
public record Handshake(ObjectNode auth, EngineRequest request, Instant issued) {

    /** A string field of the auth object, or null. */
    public String authString(String field) {
        var value = auth.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** This handshake with an empty auth object. */
    Handshake withoutAuth() {
        return auth.isEmpty() ? this : new Handshake(auth.objectNode(), request, issued);
    }
}
