package org.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.auth.Principal;
import org.parley.socketio.Ack;
import org.parley.socketio.EventArgs;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoSocket;
import org.parley.messages.DeleteMessage;
import org.parley.messages.EditMessage;
import org.parley.messages.MarkRead;
import org.parley.messages.MarkThreadRead;
import org.parley.bus.Topic;
import org.parley.messages.MessageService;
import org.parley.messages.React;
import org.parley.messages.SendMessage;
import org.parley.messages.SyncService;
import org.parley.presence.PresenceService;
import org.parley.presence.TypingService;
import org.parley.rooms.RoomService;
import tools.jackson.databind.JsonNode;

/**
 * The chat events clients send, each mapped to one service call and answered through its ack;
 * events their services do not limit go through {@link EventLimits} first.
 */
final class ChatEvents {
    private final RoomService rooms;
    private final MessageService messages;
    private final SyncService sync;
    private final TypingService typing;
    private final PresenceService presence;
    private final PresenceWatches watches;
    private final EventLimits limits;

    ChatEvents(RoomService rooms, MessageService messages, SyncService sync, TypingService typing, PresenceService presence,
               PresenceWatches watches, EventLimits limits) {
        this.limits = limits;
        this.watches = watches;
        this.rooms = rooms;
        this.messages = messages;
        this.sync = sync;
        this.typing = typing;
        this.presence = presence;
    }

    /** Registers a handler for every client event but the call signals, which {@link CallEvents} relays. */
    void register(Namespace ns) {
        ns.on(ClientEvent.JOIN_ROOM.wire(), guarded(this::joinRoom));
        ns.on(ClientEvent.SEND_MESSAGE.wire(), this::sendMessage);
        ns.on(ClientEvent.EDIT_MESSAGE.wire(), limits.limited(ClientEvent.EDIT_MESSAGE, (s, a, ack) ->
                Acks.ok(ack, messages.edit(ChatNamespaceAuth.principal(s), Payloads.command(a, EditMessage.class)))));
        ns.on(ClientEvent.DELETE_MESSAGE.wire(), limits.limited(ClientEvent.DELETE_MESSAGE, (s, a, ack) ->
                Acks.ok(ack, messages.delete(ChatNamespaceAuth.principal(s), Payloads.command(a, DeleteMessage.class)))));
        ns.on(ClientEvent.REACT.wire(), limits.limited(ClientEvent.REACT, (s, a, ack) ->
                Acks.ok(ack, messages.react(ChatNamespaceAuth.principal(s), Payloads.command(a, React.class)))));
        ns.on(ClientEvent.MARK_READ.wire(), limits.limited(ClientEvent.MARK_READ, (s, a, ack) -> {
            long seq = messages.markRead(ChatNamespaceAuth.principal(s), Payloads.command(a, MarkRead.class));
            Acks.ok(ack, Map.of("seq", seq));
        }));
        ns.on(ClientEvent.MARK_THREAD_READ.wire(), limits.limited(ClientEvent.MARK_THREAD_READ, (s, a, ack) -> {
            long seq = messages.markThreadRead(ChatNamespaceAuth.principal(s), Payloads.command(a, MarkThreadRead.class));
            Acks.ok(ack, Map.of("seq", seq));
        }));
        ns.on(ClientEvent.TYPING.wire(), guarded((s, a, ack) -> {
            typing.started(ChatNamespaceAuth.principal(s), Payloads.roomIdArg(a));
            Acks.ok(ack, null);
        }));
        ns.on(ClientEvent.STOP_TYPING.wire(), limits.limited(ClientEvent.STOP_TYPING, (s, a, ack) -> {
            typing.stopped(ChatNamespaceAuth.principal(s), Payloads.roomIdArg(a));
            Acks.ok(ack, null);
        }));
        ns.on(ClientEvent.SET_PRESENCE.wire(), limits.limited(ClientEvent.SET_PRESENCE, (s, a, ack) -> {
            String status = Payloads.string(Payloads.object(a), "status");
            if (!"away".equals(status) && !"online".equals(status)) {
                throw new BadPayloadException("status must be \"online\" or \"away\".");
            }
            presence.setIdle(ChatNamespaceAuth.principal(s).userId(), s.id(), "away".equals(status));
            Acks.ok(ack, null);
        }));
        ns.on(ClientEvent.WATCH_PRESENCE.wire(), limits.limited(ClientEvent.WATCH_PRESENCE, (s, a, ack) ->
                Acks.ok(ack, watches.watch(s, a))));
        ns.on(ClientEvent.SYNC.wire(), limits.limited(ClientEvent.SYNC, this::sync));
    }

    private void joinRoom(SocketIoSocket socket, EventArgs args, Ack ack) {
        long roomId = Payloads.roomIdArg(args);
        var room = rooms.join(ChatNamespaceAuth.principal(socket), roomId);
        socket.join(Topic.room(roomId).key());
        socket.emit(ServerEvent.JOINED_ROOM.wire(), roomId);
        Acks.ok(ack, room);
    }

    private void sendMessage(SocketIoSocket socket, EventArgs args, Ack ack) {
        Principal user = ChatNamespaceAuth.principal(socket);
        try {
            messages.send(user, Payloads.command(args, SendMessage.class))
                    .whenComplete((result, failure) -> {
                        if (failure != null) Acks.error(ack, failure);
                        else Acks.ok(ack, result.json()); // the text the room receives
                    });
        } catch (RuntimeException e) {
            Acks.error(ack, e);
        }
    }

    private void sync(SocketIoSocket socket, EventArgs args, Ack ack) {
        JsonNode roomsNode = Payloads.object(args).path("rooms");
        if (!roomsNode.isObject()) throw new BadPayloadException("sync needs {rooms: {roomId: lastSeq}}.");
        Map<Long, SyncService.Cursor> cursors = new LinkedHashMap<>();
        for (var entry : roomsNode.properties()) {
            long roomId;
            try {
                roomId = Long.parseLong(entry.getKey());
            } catch (NumberFormatException e) {
                throw new BadPayloadException("Room ids in sync must be numbers.");
            }
            JsonNode v = entry.getValue();
            if (v.isObject()) {
                cursors.put(roomId, new SyncService.Cursor(Payloads.requiredId(v, "seq"), Payloads.optionalLong(v, "rev")));
            } else {
                cursors.put(roomId, new SyncService.Cursor(Payloads.requiredId(roomsNode, entry.getKey()), null));
            }
        }
        Acks.ok(ack, sync.sync(ChatNamespaceAuth.principal(socket), cursors));
    }

    /** Runs a handler and turns any refusal into an error ack; the connection stays up. */
    static org.parley.socketio.EventHandler guarded(org.parley.socketio.EventHandler handler) {
        return (socket, args, ack) -> {
            try {
                handler.handle(socket, args, ack);
            } catch (Exception e) {
                Acks.error(ack, e);
            }
        };
    }
}
