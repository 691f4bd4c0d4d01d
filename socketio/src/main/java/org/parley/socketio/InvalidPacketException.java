package org.parley.socketio;

/** Input that is not a valid Socket.IO packet; the connection that sent it is closed. */
public final class InvalidPacketException extends Exception {
    public InvalidPacketException(String message) {
        super(message, null, false, false);
    }
}
