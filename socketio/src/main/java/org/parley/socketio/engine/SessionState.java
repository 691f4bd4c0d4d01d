package org.parley.socketio.engine;

/** Lifecycle of an {@link EngineSession}. */
enum SessionState {
    /** Exchanging packets over its transport. */
    OPEN,
    /** Over polling, with a WebSocket probe attached that may take over. */
    UPGRADING,
    /** Closed for the application; delivering its last queued packets. */
    CLOSING,
    /** Gone; its id is unknown from now on. */
    CLOSED;

    boolean isLive() {
        return this == OPEN || this == UPGRADING;
    }
}
