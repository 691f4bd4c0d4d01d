package org.parley.gateway;

import org.parley.auth.Principal;
import org.parley.gateway.socketio.SocketIoSocket;

/** Who is behind a chat socket (proven in CONNECT by {@link ChatNamespaceAuth}) and the rooms named after users and chat rooms. */
final class SocketUser {
    private SocketUser() {}

    static Principal of(SocketIoSocket socket) {
        return ChatNamespaceAuth.principal(socket);
    }

    static String userRoom(long userId) {
        return ChatNamespaceAuth.userRoom(userId);
    }

    static String chatRoom(long roomId) {
        return "room:" + roomId;
    }
}
