package org.parley.socketio;

import tools.jackson.databind.JsonNode;

/**
 * Thrown by a {@link ConnectMiddleware} to refuse a client; it receives CONNECT_ERROR
 * {@code {"message": message, "data": data}} ({@code data} only when not null).
 */
public final class ConnectionRefusedException extends Exception {

    private final transient JsonNode data;

    public ConnectionRefusedException(String message) {
        this(message, null);
    }

    public ConnectionRefusedException(String message, JsonNode data) {
        super(message, null, false, false);
        this.data = data;
    }

    public JsonNode data() {
        return data;
    }
}
