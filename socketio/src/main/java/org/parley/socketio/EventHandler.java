package org.parley.socketio;

/**
 * Handles one event name in a namespace. Runs on the sending connection's own virtual thread, in
 * the order the client sent its packets; blocking calls are fine.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(SocketIoSocket socket, EventArgs args, Ack ack) throws Exception;
}
