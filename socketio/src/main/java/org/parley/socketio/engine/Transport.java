package org.parley.socketio.engine;

/** A way packets travel between one client and its {@link EngineSession}. */
sealed interface Transport permits PollingTransport, WebSocketTransport {

    enum Kind {
        POLLING("polling"),
        WEBSOCKET("websocket");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    Kind kind();
}
