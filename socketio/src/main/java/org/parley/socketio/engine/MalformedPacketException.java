package org.parley.socketio.engine;

/** Input that does not follow the Engine.IO protocol; the session that sent it is closed. */
public final class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
