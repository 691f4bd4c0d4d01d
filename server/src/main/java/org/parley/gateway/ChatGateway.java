package org.parley.gateway;

import java.util.Map;
import org.parley.auth.AccessTokenVerifier;
import org.parley.auth.Principal;
import org.parley.bus.EventBus;
import org.parley.socketio.ConnectionRefusedException;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoServer;
import org.parley.socketio.SocketIoSocket;
import org.parley.bus.Topic;
import org.parley.calls.CallService;
import org.parley.calls.CallSignals;
import org.parley.messages.MessageService;
import org.parley.messages.SyncService;
import org.parley.presence.PresenceService;
import org.parley.presence.TypingService;
import org.parley.rooms.RoomService;

/**
 * The chat namespace: authenticates sockets, subscribes each to its user's rooms, maps client
 * events to services and bus events to sockets. Talks to services and the bus only.
 */
public final class ChatGateway {
    private final RoomService rooms;
    private final PresenceService presence;
    private final CallService calls;

    public ChatGateway(SocketIoServer io, AccessTokenVerifier verifier, EventBus bus, RoomService rooms,
                       MessageService messages, SyncService sync, TypingService typing, PresenceService presence,
                       CallService calls, CallSignals signals, int maxConnectionsPerUser) {
        this.rooms = rooms;
        this.presence = presence;
        this.calls = calls;
        Namespace ns = io.namespace("/");
        new ChatNamespaceAuth(verifier).install(ns);
        ns.use(socket -> {
            long userId = ChatNamespaceAuth.principal(socket).userId();
            if (ns.countIn(Topic.user(userId).key()) >= maxConnectionsPerUser) {
                throw new ConnectionRefusedException("too many connections");
            }
        });
        ns.onConnection(this::connected);
        ns.onDisconnect((socket, reason) -> {
            presence.disconnected(ChatNamespaceAuth.principal(socket).userId(), socket.id());
            calls.deviceDisconnected(socket.id());
        });
        new ChatEvents(rooms, messages, sync, typing, presence).register(ns);
        new CallEvents(calls, signals).register(ns);
        BusRelay relay = new BusRelay(ns);
        bus.subscribe(relay::deliver);
    }

    private void connected(SocketIoSocket socket) {
        Principal user = ChatNamespaceAuth.principal(socket);
        if (!socket.recovered()) {
            for (long roomId : rooms.roomIds(user.userId())) socket.join(Topic.room(roomId).key());
        } else {
            calls.deviceReconnected(socket.id());
        }
        presence.connected(user.userId(), socket.id());
        socket.emit(ServerEvent.PRESENCE_SNAPSHOT.wire(), Map.of("users", presence.snapshotFor(user.userId())));
    }
}
