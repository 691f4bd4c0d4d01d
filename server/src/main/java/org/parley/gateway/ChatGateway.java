package org.parley.gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.messages.MessageService;
import org.parley.messages.SyncService;
import org.parley.presence.PresenceService;
import org.parley.presence.TypingService;
import org.parley.rooms.RoomService;

/**
 * The chat namespace: authenticates sockets, subscribes each to its user's rooms, maps client
 * events to services and bus events to sockets. Talks to services and the bus only. A socket is
 * only ever in the Socket.IO rooms of its user and of rooms its user belongs to, also after
 * connection state recovery. A socket whose rooms cannot be read is not admitted.
 */
public final class ChatGateway {
    /** How long a connecting socket waits for the bus to carry its rooms (on its own thread). */
    private static final java.time.Duration CARRIED_WAIT = java.time.Duration.ofSeconds(5);

    private static final String ROOM_IDS = ChatGateway.class.getName() + ".roomIds";
    private final RoomService rooms;
    private final PresenceService presence;
    private final CallService calls;
    private final EventBus bus;
    private final MessageOrder order;

    public ChatGateway(SocketIoServer io, AccessTokenVerifier verifier, EventBus bus, RoomService rooms,
                       MessageService messages, SyncService sync, TypingService typing, PresenceService presence,
                       CallService calls, CallSignals signals, int maxConnectionsPerUser,
                       java.time.Duration presenceBatchWindow) {
        this.rooms = rooms;
        this.presence = presence;
        this.calls = calls;
        this.bus = bus;
        Namespace ns = io.namespace("/");
        MissedEvents missed = new MissedEvents(ns);
        MessageOrder order = new MessageOrder(sync, roomId -> ns.countIn(Topic.room(roomId).key()) > 0,
                missed::missedRoom);
        ns.onRoomChange(new BusInterest(bus, order::carried, order::forget));
        this.order = order;
        new ChatNamespaceAuth(verifier).install(ns);
        ns.use(socket -> {
            long userId = ChatNamespaceAuth.principal(socket).userId();
            if (ns.countIn(Topic.user(userId).key()) >= maxConnectionsPerUser) {
                throw new ConnectionRefusedException("too many connections");
            }
        });
        ns.use(this::loadRooms);
        ns.use(this::joinRooms);
        ns.recoveryFilter(this::roomsToRestore);
        ns.onConnection(this::connected);
        ns.onDisconnect((socket, reason) -> {
            presence.disconnected(ChatNamespaceAuth.principal(socket).userId(), socket.id());
            calls.deviceDisconnected(socket.id());
        });
        EventLimits limits = new EventLimits(java.time.Clock.systemUTC());
        PresenceWatches watches = new PresenceWatches(ns, presence);
        new ChatEvents(rooms, messages, sync, typing, presence, watches, limits).register(ns);
        new CallEvents(calls, signals, limits).register(ns);
        BusRelay relay = new BusRelay(ns, bus, order, new PresenceBatches(ns, presenceBatchWindow), rooms);
        bus.subscribe(relay::deliver);
        bus.subscribe(watches::membershipChanged);
        bus.onMissed(missed::missed);
    }

    /**
     * Reads the user's rooms before the socket is admitted: a socket that could not join them would
     * look connected and hear nothing, so when the database cannot be reached the client is refused
     * with CONNECT_ERROR {@code {"message":"unavailable"}} and connects again later.
     */
    private void loadRooms(SocketIoSocket socket) throws ConnectionRefusedException {
        long userId = ChatNamespaceAuth.principal(socket).userId();
        try {
            socket.attributes().put(ROOM_IDS, List.copyOf(rooms.roomIds(userId)));
        } catch (ParleyException e) {
            if (e.code() == ErrorCode.UNAVAILABLE) throw new ConnectionRefusedException(ChatNamespaceAuth.UNAVAILABLE);
            throw e;
        }
    }

    /**
     * Joins the socket to its user's room and to every room of the user, then waits (at most five
     * seconds, on the connection's own thread) until the bus carries them here, all before the
     * CONNECT answer: the answer means "from now on you hear your rooms", and a message stored after
     * it reaches the socket live, also on a node that had no socket in the room until now. A room
     * this node did not carry is followed from the seq it had before the join ({@link MessageOrder}).
     * When the database cannot be read, the client is refused with {@code unavailable}.
     */
    private void joinRooms(SocketIoSocket socket) throws ConnectionRefusedException {
        long userId = ChatNamespaceAuth.principal(socket).userId();
        List<Long> roomIds = roomIds(socket, false);
        Map<Long, Long> lastStored;
        try {
            lastStored = order.lastStored(roomIds);
        } catch (ParleyException e) {
            if (e.code() == ErrorCode.UNAVAILABLE) throw new ConnectionRefusedException(ChatNamespaceAuth.UNAVAILABLE);
            throw e;
        }
        socket.join(ChatNamespaceAuth.userRoom(userId));
        for (long roomId : roomIds) socket.join(Topic.room(roomId).key());
        order.startAt(lastStored);
        BusRelay.awaitCarried(bus, CARRIED_WAIT);
    }

    /**
     * The rooms read at connect. They are kept among the socket's attributes only until the socket
     * has joined them: a resumed session must match the saved attributes, and rooms change.
     */
    @SuppressWarnings("unchecked")
    private static List<Long> roomIds(SocketIoSocket socket, boolean done) {
        return (List<Long>) (done ? socket.attributes().remove(ROOM_IDS) : socket.attributes().get(ROOM_IDS));
    }

    /**
     * A resuming socket re-enters only its user's room and the rooms its user still belongs to, read
     * from the rooms service when it connected (its session was checked again by the token
     * middleware): nothing of a room left while away is replayed or delivered later.
     */
    private Set<String> roomsToRestore(SocketIoSocket socket, Set<String> saved) {
        long userId = ChatNamespaceAuth.principal(socket).userId();
        Set<String> allowed = new HashSet<>();
        allowed.add(ChatNamespaceAuth.userRoom(userId));
        for (long roomId : roomIds(socket, false)) allowed.add(Topic.room(roomId).key());
        allowed.retainAll(saved);
        return allowed;
    }

    /**
     * After the CONNECT answer (the socket is in its rooms, those added while a resumed socket was
     * away included): presence and the snapshot.
     */
    private void connected(SocketIoSocket socket) {
        Principal user = ChatNamespaceAuth.principal(socket);
        roomIds(socket, true);
        if (socket.recovered()) calls.deviceReconnected(socket.id());
        presence.connected(user.userId(), socket.id());
        socket.emit(ServerEvent.PRESENCE_SNAPSHOT.wire(), Map.of("users", presence.snapshotFor(user.userId())));
    }
}
