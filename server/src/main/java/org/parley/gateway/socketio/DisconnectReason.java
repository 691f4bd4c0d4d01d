package org.parley.gateway.socketio;

import org.parley.gateway.engineio.CloseReason;

/** Why a socket left its namespace. */
public enum DisconnectReason {
    TRANSPORT_CLOSE("transport close", true),
    TRANSPORT_ERROR("transport error", true),
    PING_TIMEOUT("ping timeout", true),
    PARSE_ERROR("parse error", false),
    QUEUE_OVERFLOW("outbound queue overflow", true),
    FORCED_CLOSE("forced close", false),
    SERVER_SHUTDOWN("server shutting down", true),
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect", false),
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect", false);

    private final String description;
    private final boolean recoverable;

    DisconnectReason(String description, boolean recoverable) {
        this.description = description;
        this.recoverable = recoverable;
    }

    public String description() {
        return description;
    }

    /** Whether the socket's state is kept so a reconnecting client can resume it. */
    public boolean recoverable() {
        return recoverable;
    }

    static DisconnectReason of(CloseReason reason) {
        return switch (reason) {
            case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
            case TRANSPORT_ERROR -> TRANSPORT_ERROR;
            case PING_TIMEOUT -> PING_TIMEOUT;
            case PARSE_ERROR -> PARSE_ERROR;
            case QUEUE_OVERFLOW -> QUEUE_OVERFLOW;
            case FORCED_CLOSE -> FORCED_CLOSE;
            case SERVER_SHUTDOWN -> SERVER_SHUTDOWN;
        };
    }
}
