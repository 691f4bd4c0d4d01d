package org.parley.socketio;

/**
 * Runs before a socket joins its namespace, in registration order. It may inspect
 * {@link SocketIoSocket#handshake()}, store attributes on the socket, or refuse the client.
 */
@FunctionalInterface
public interface ConnectMiddleware {
    void authorize(SocketIoSocket socket) throws ConnectionRefusedException;
}
