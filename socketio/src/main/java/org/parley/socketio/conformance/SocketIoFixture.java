package org.parley.socketio.conformance;

import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoServer;

/** The namespaces the Socket.IO conformance suite talks to. */
final class SocketIoFixture {

    private SocketIoFixture() {}

    static void install(SocketIoServer io) {
        Namespace main = io.namespace("/");
        main.onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
        main.on("message", (socket, args, ack) -> socket.emit("message-back", args.asList().toArray()));
        main.on("message-with-ack", (socket, args, ack) -> ack.send(args.asList().toArray()));

        Namespace custom = io.namespace("/custom");
        custom.onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
    }
}
