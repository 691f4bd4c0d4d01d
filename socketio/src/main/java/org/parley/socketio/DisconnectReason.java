package org.parley.socketio;

import org.parley.socketio.engine.CloseReason;

/**
 * Why a socket left its namespace: either its whole connection closed, and the reason is the
 * engine's {@link CloseReason}, or the socket alone left while the connection stays open. Each reason
 * string is defined once: in {@link CloseReason} for closed connections, in {@link NamespaceLeft}
 * for the two namespace-only departures.
 */
public sealed interface DisconnectReason {

    String description();

    /** Whether the socket's state is kept so a reconnecting client can resume it. */
    boolean recoverable();

    static DisconnectReason of(CloseReason reason) {
        return new ConnectionClosed(reason);
    }

    /** The connection under the socket closed; description and recoverability are the engine's. */
    record ConnectionClosed(CloseReason cause) implements DisconnectReason {
        @Override
        public String description() {
            return cause.description();
        }

        @Override
        public boolean recoverable() {
            return cause.recoverable();
        }
    }

    /** The socket left its namespace on its own; the connection stays, nothing is kept for recovery. */
    enum NamespaceLeft implements DisconnectReason {
        CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
        SERVER_NAMESPACE_DISCONNECT("server namespace disconnect");

        private final String description;

        NamespaceLeft(String description) {
            this.description = description;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public boolean recoverable() {
            return false;
        }
    }
}
