package org.parley.gateway;

/** The Socket.IO room that carries a chat room's events. */
final class ChatRooms {
    private ChatRooms() {}

    static String of(long roomId) {
        return "room:" + roomId;
    }
}
