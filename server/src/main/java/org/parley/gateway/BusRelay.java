package org.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.bus.BusEvent;
import org.parley.bus.Topic;
import org.parley.gateway.socketio.Namespace;
import org.parley.gateway.socketio.SocketIoSocket;

/**
 * Turns bus events into socket events on this node: room events to the room's sockets, personal
 * events to the user's sockets, and membership changes into sockets joining or leaving rooms. The
 * Socket.IO rooms are named by {@link Topic#key()}, so an event reaches the sockets of its topic.
 * Payloads the services serialized are passed on as they are, written raw into the packet.
 */
final class BusRelay {
    private final Namespace ns;

    BusRelay(Namespace ns) {
        this.ns = ns;
    }

    void deliver(BusEvent event) {
        switch (event) {
            case BusEvent.MessageCreated e -> ns.to(room(e.roomId())).emit("receive_message", e.message());
            case BusEvent.MessageChanged e -> ns.to(room(e.roomId())).emit("message_updated", e.message());
            case BusEvent.ReadMarkMoved e -> {
                ns.to(room(e.roomId())).emit("read_receipt",
                        Map.of("roomId", e.roomId(), "userId", e.userId(), "seq", e.seq()));
                ns.to(user(e.userId())).emit("unread_count",
                        Map.of("roomId", e.roomId(), "unreadCount", e.unreadCount(), "lastReadSeq", e.seq()));
            }
            case BusEvent.RoomUpdated e -> ns.to(room(e.roomId())).emit("room_updated",
                    Map.of("roomId", e.roomId(), "name", e.name(), "description", e.description()));
            case BusEvent.RoomJoined e -> {
                String room = room(e.roomId());
                for (SocketIoSocket s : ns.socketsIn(user(e.userId()))) s.join(room);
                ns.to(user(e.userId())).emit("room_added", Map.of("roomId", e.roomId()));
            }
            case BusEvent.MemberAdded e -> ns.to(room(e.roomId())).except(user(e.userId()))
                    .emit("member_added", Map.of("roomId", e.roomId(), "member", e.member()));
            case BusEvent.MemberUpdated e -> ns.to(room(e.roomId()))
                    .emit("member_updated", Map.of("roomId", e.roomId(), "member", e.member()));
            case BusEvent.MemberRemoved e -> {
                String room = room(e.roomId());
                for (SocketIoSocket s : ns.socketsIn(user(e.userId()))) s.leave(room);
                ns.to(user(e.userId())).emit("room_removed", Map.of("roomId", e.roomId()));
                ns.to(room).emit("member_removed", Map.of("roomId", e.roomId(), "userId", e.userId()));
            }
            case BusEvent.RoomDeleted e -> {
                String room = room(e.roomId());
                ns.to(room).emit("room_deleted", Map.of("roomId", e.roomId()));
                for (SocketIoSocket s : ns.socketsIn(room)) s.leave(room);
            }
            case BusEvent.TypingChanged e -> {
                var recipients = ns.to(room(e.roomId())).except(user(e.userId()));
                if (e.typing()) {
                    recipients.emit("user_typing", Map.of("userId", e.userId(), "username", e.username(), "roomId", e.roomId()));
                } else {
                    recipients.emit("user_stop_typing", e.userId(), e.roomId());
                }
            }
            case BusEvent.PresenceChanged e -> {
                String[] rooms = e.audience().stream().map(BusRelay::user).toArray(String[]::new);
                var payload = new LinkedHashMap<String, Object>();
                payload.put("userId", e.userId());
                payload.put("status", e.status());
                payload.put("lastSeenAt", e.lastSeenAt());
                ns.to(rooms).emit("presence", payload);
            }
            case BusEvent.SessionRevoked e -> {
                for (SocketIoSocket s : ns.socketsIn(user(e.userId()))) {
                    if (e.sessionId().equals(ChatNamespaceAuth.principal(s).sessionId())) {
                        s.emit("session_ended", Map.of("reason", "signed_out"));
                        s.disconnect(true);
                    }
                }
            }
            case BusEvent.CallSignalled e -> CallEvents.relay(ns, e);
        }
    }

    private static String room(long roomId) {
        return Topic.room(roomId).key();
    }

    private static String user(long userId) {
        return Topic.user(userId).key();
    }
}
