package org.parley.socketio.engine;

/**
 * Why an Engine.IO session ended. {@link #description()} is the reason string peers see (WebSocket
 * close frames, failed acknowledgements); the Socket.IO layer reports these same reasons through
 * {@code DisconnectReason.ConnectionClosed}.
 */
public enum CloseReason {
    /** The client closed the transport or sent a close packet. */
    TRANSPORT_CLOSE("transport close", true),
    /** The transport failed (I/O error, protocol misuse such as overlapping requests). */
    TRANSPORT_ERROR("transport error", true),
    /** No pong arrived within pingTimeout. */
    PING_TIMEOUT("ping timeout", true),
    /** The client sent something that is not valid Engine.IO or Socket.IO. */
    PARSE_ERROR("parse error", false),
    /** The session's outbound queue overflowed: the client reads too slowly. */
    QUEUE_OVERFLOW("outbound queue overflow", true),
    /** The server closed the session on purpose. */
    FORCED_CLOSE("forced close", false),
    /** The server is shutting down. */
    SERVER_SHUTDOWN("server shutting down", true);

    private final String description;
    private final boolean recoverable;

    CloseReason(String description, boolean recoverable) {
        this.description = description;
        this.recoverable = recoverable;
    }

    public String description() {
        return description;
    }

    /** Whether a client that reconnects soon may have its Socket.IO state restored. */
    public boolean recoverable() {
        return recoverable;
    }
}
