package org.parley.gateway;

import java.util.Map;
import org.parley.bus.BusEvent;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoSocket;

/**
 * Turns bus events into socket events on this node: room events to the room's sockets, personal
 * events to the user's sockets, and membership changes into sockets joining or leaving rooms.
 */
final class BusRelay {
    private final Namespace ns;

    BusRelay(Namespace ns) {
        this.ns = ns;
    }

    void deliver(BusEvent event) {
        switch (event) {
            case BusEvent.MessageCreated e ->
                    ns.to(ChatRooms.of(e.message().roomId())).emit("receive_message", e.message());
            case BusEvent.MessageChanged e ->
                    ns.to(ChatRooms.of(e.message().roomId())).emit("message_updated", e.message());
            case BusEvent.ReadMarkMoved e -> {
                ns.to(ChatRooms.of(e.roomId())).emit("read_receipt",
                        Map.of("roomId", e.roomId(), "userId", e.userId(), "seq", e.seq()));
                ns.to(ChatNamespaceAuth.userRoom(e.userId())).emit("unread_count",
                        Map.of("roomId", e.roomId(), "unreadCount", e.unreadCount(), "lastReadSeq", e.seq()));
            }
            case BusEvent.RoomUpdated e -> ns.to(ChatRooms.of(e.room().id())).emit("room_updated",
                    Map.of("roomId", e.room().id(), "name", e.room().name(), "description", e.room().description()));
            case BusEvent.MemberAdded e -> {
                String room = ChatRooms.of(e.room().id());
                for (SocketIoSocket s : ns.socketsIn(ChatNamespaceAuth.userRoom(e.member().userId()))) s.join(room);
                ns.to(ChatNamespaceAuth.userRoom(e.member().userId())).emit("room_added", Map.of("roomId", e.room().id()));
                ns.to(room).except(ChatNamespaceAuth.userRoom(e.member().userId()))
                        .emit("member_added", Map.of("roomId", e.room().id(), "member", e.member()));
            }
            case BusEvent.MemberUpdated e -> ns.to(ChatRooms.of(e.roomId()))
                    .emit("member_updated", Map.of("roomId", e.roomId(), "member", e.member()));
            case BusEvent.MemberRemoved e -> {
                String room = ChatRooms.of(e.roomId());
                for (SocketIoSocket s : ns.socketsIn(ChatNamespaceAuth.userRoom(e.userId()))) s.leave(room);
                ns.to(ChatNamespaceAuth.userRoom(e.userId())).emit("room_removed", Map.of("roomId", e.roomId()));
                ns.to(room).emit("member_removed", Map.of("roomId", e.roomId(), "userId", e.userId()));
            }
            case BusEvent.RoomDeleted e -> {
                String room = ChatRooms.of(e.roomId());
                ns.to(room).emit("room_deleted", Map.of("roomId", e.roomId()));
                for (SocketIoSocket s : ns.socketsIn(room)) s.leave(room);
            }
            case BusEvent.TypingChanged e -> {
                var recipients = ns.to(ChatRooms.of(e.roomId())).except(ChatNamespaceAuth.userRoom(e.userId()));
                if (e.typing()) {
                    recipients.emit("user_typing", Map.of("userId", e.userId(), "username", e.username(), "roomId", e.roomId()));
                } else {
                    recipients.emit("user_stop_typing", e.userId(), e.roomId());
                }
            }
            case BusEvent.PresenceChanged e -> {
                String[] rooms = e.audience().stream().map(ChatNamespaceAuth::userRoom).toArray(String[]::new);
                var payload = new java.util.LinkedHashMap<String, Object>();
                payload.put("userId", e.userId());
                payload.put("status", e.status());
                payload.put("lastSeenAt", e.lastSeenAt());
                ns.to(rooms).emit("presence", payload);
            }
            case BusEvent.SessionRevoked e -> {
                for (SocketIoSocket s : ns.socketsIn(ChatNamespaceAuth.userRoom(e.userId()))) {
                    if (e.sessionId().equals(ChatNamespaceAuth.principal(s).sessionId())) {
                        s.emit("session_ended", Map.of("reason", "signed_out"));
                        s.disconnect(true);
                    }
                }
            }
        }
    }
}
