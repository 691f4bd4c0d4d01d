package org.parley.socketio;

/** Answers a client event that asked for an acknowledgement. Only the first call is sent. */
public interface Ack {

    /** Whether the client asked for an acknowledgement. */
    boolean requested();

    /** Sends the acknowledgement with these arguments (byte arrays become binary attachments). */
    void send(Object... args);

    Ack NONE = new Ack() {
        @Override
        public boolean requested() {
            return false;
        }

        @Override
        public void send(Object... args) {
            // the client asked for no acknowledgement
        }
    };
}
