package org.parley.socketio;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.parley.socketio.engine.SessionIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Socket.IO namespace: its connect middleware, event handlers, sockets and rooms. Room changes
 * and broadcasts are serialized by one lock, so every socket sees the broadcasts of a namespace in
 * one order, and a resumed socket gets its missed broadcasts before any new one.
 */
public final class Namespace {

    private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);

    private final String name;
    private final SocketIoServer server;
    private final ConnectionStateRecovery recovery;
    private final ReentrantLock lock = new ReentrantLock();
    private final RoomRegistry rooms = new RoomRegistry();
    private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();
    private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<SocketIoSocket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<SocketIoSocket, DisconnectReason>> disconnectHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    private volatile RecoveryFilter recoveryFilter;

    Namespace(String name, SocketIoServer server, ConnectionStateRecovery recovery) {
        this.name = name;
        this.server = server;
        this.recovery = recovery;
    }

    public String name() {
        return name;
    }

    /**
     * Adds a check run before each socket joins; the first refusal wins. A middleware may join the
     * socket to rooms ({@link SocketIoSocket#join}) and wait (it runs on the connection's handler
     * thread): the socket is counted in those rooms at once and hears their broadcasts from its
     * CONNECT answer on.
     */
    public Namespace use(ConnectMiddleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /**
     * Sets the check that decides which saved rooms a resuming socket re-enters (replacing an earlier
     * one); without one, a resumed socket gets back every room it was in.
     */
    public Namespace recoveryFilter(RecoveryFilter filter) {
        this.recoveryFilter = filter;
        return this;
    }

    /**
     * Called on the socket's handler thread once it has joined (after the CONNECT answer went out).
     * Rooms a socket must hear from its CONNECT answer on are joined in a middleware instead.
     */
    public Namespace onConnection(Consumer<SocketIoSocket> handler) {
        connectionHandlers.add(handler);
        return this;
    }

    /** Called on the socket's handler thread once it has left. */
    public Namespace onDisconnect(BiConsumer<SocketIoSocket, DisconnectReason> handler) {
        disconnectHandlers.add(handler);
        return this;
    }

    /**
     * Adds a listener told when a room gets its first socket and loses its last one (how a cluster
     * knows which rooms this node has sockets in). Rooms that exist already are not reported.
     */
    public Namespace onRoomChange(RoomListener listener) {
        rooms.addListener(listener);
        return this;
    }

    /** Registers the handler of one event name (replacing an earlier one). */
    public Namespace on(String event, EventHandler handler) {
        handlers.put(event, handler);
        return this;
    }

    /** A broadcast to the sockets in these rooms. */
    public Broadcast to(String... roomNames) {
        return new Broadcast(this, Set.of(roomNames), Set.of());
    }

    /** A broadcast to every socket except those in these rooms. */
    public Broadcast except(String... roomNames) {
        return new Broadcast(this, Set.of(), Set.of(roomNames));
    }

    /** Sends an event to every socket of the namespace; returns how many it was queued on. */
    public int emit(String event, Object... args) {
        return deliver(Set.of(), Set.of(), event, args);
    }

    public Collection<SocketIoSocket> sockets() {
        return List.copyOf(sockets.values());
    }

    public Optional<SocketIoSocket> socket(String id) {
        return Optional.ofNullable(sockets.get(id));
    }

    /** How many sockets are in the room, without copying them. */
    public int countIn(String room) {
        lock.lock();
        try {
            return rooms.countIn(room);
        } finally {
            lock.unlock();
        }
    }

    /** The sockets in the room, including those joined by a middleware and not answered yet. */
    public Set<SocketIoSocket> socketsIn(String room) {
        lock.lock();
        try {
            return rooms.membersOf(room);
        } finally {
            lock.unlock();
        }
    }

    // ---- internals ---------------------------------------------------------------------------

    EventHandler handler(String event) {
        return handlers.get(event);
    }

    int deliver(Set<String> to, Set<String> except, String event, Object[] args) {
        lock.lock();
        try {
            long seq = 0;
            String offset = null;
            if (recovery != null) {
                seq = recovery.nextSeq();
                offset = recovery.offset(seq);
            }
            EncodedPacket packet = PacketEncoder.event(name, SocketPacket.NO_ACK, event, args, offset);
            if (recovery != null) {
                recovery.record(new ConnectionStateRecovery.LoggedPacket(seq, to, except, packet,
                        server.clock().millis()));
            }
            int queued = 0;
            for (SocketIoSocket target : rooms.resolve(to, except)) {
                // a socket joined by a middleware hears nothing before its CONNECT answer
                if (!target.connected()) {
                    continue;
                }
                target.queued(seq);
                target.client().send(packet);
                queued++;
            }
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Runs the middleware, then admits the socket (resuming an earlier one when possible); null if refused. */
    SocketIoSocket connect(ClientConnection client, ObjectNode auth) {
        Handshake handshake = new Handshake(auth, client.session().request(), Instant.now(server.clock()));
        SocketIoSocket socket = new SocketIoSocket(this, client, SessionIds.next(), handshake);
        for (ConnectMiddleware middleware : middlewares) {
            try {
                middleware.authorize(socket);
            } catch (ConnectionRefusedException e) {
                abandon(socket);
                refuse(client, e.getMessage(), e.data());
                return null;
            } catch (RuntimeException e) {
                LOG.warn("connect middleware of {} failed", name, e);
                abandon(socket);
                refuse(client, "server error", null);
                return null;
            }
        }
        String pid = recovery == null ? null : handshake.authString("pid");
        Set<String> allowedRooms = null;
        RecoveryFilter filter = recoveryFilter;
        if (pid != null && filter != null) {
            try {
                allowedRooms = allowedRooms(filter, socket, pid);
                if (allowedRooms == null) {
                    pid = null;
                }
            } catch (ConnectionRefusedException e) {
                recovery.discard(pid);
                abandon(socket);
                refuse(client, e.getMessage(), e.data());
                return null;
            } catch (RuntimeException e) {
                LOG.warn("recovery filter of {} failed; the socket connects afresh", name, e);
                recovery.discard(pid);
                pid = null;
            }
        }
        lock.lock();
        try {
            Optional<ConnectionStateRecovery.Restored> restored = pid == null
                    ? Optional.empty()
                    : recovery.restore(pid, handshake.authString("offset"),
                            server.config().engine().maxQueuedPackets() / 2,
                            server.config().engine().maxQueuedBytes() / 2, allowedRooms)
                            .filter(r -> sameIdentity(r.session().attributes(), socket.attributes()))
                            .filter(r -> !sockets.containsKey(r.session().socketId()));
            if (restored.isPresent()) {
                resume(socket, restored.get());
            } else {
                socket.identity(socket.id(), recovery == null ? null : SessionIds.next(), false);
                rooms.join(socket, socket.id());
                socket.markConnected(recovery == null ? 0 : recovery.currentSeq(), 0);
            }
            sockets.put(socket.id(), socket);
            ObjectNode answer = PacketJson.NODES.objectNode().put("sid", socket.id());
            if (socket.pid() != null) {
                answer.put("pid", socket.pid());
            }
            client.send(PacketEncoder.encode(new SocketPacket.Connect(name, answer)));
            restored.ifPresent(r -> r.missed().forEach(missed -> client.send(missed.packet())));
        } finally {
            lock.unlock();
        }
        return socket;
    }

    /**
     * The saved rooms {@code filter} lets {@code socket} re-enter, asked outside the namespace lock
     * (the filter may query a database); null when there is no session of the same identity to
     * resume, so that a session saved after this check is never resumed unfiltered.
     */
    private Set<String> allowedRooms(RecoveryFilter filter, SocketIoSocket socket, String pid)
            throws ConnectionRefusedException {
        Optional<ConnectionStateRecovery.SavedSession> pending = recovery.peek(pid)
                .filter(saved -> sameIdentity(saved.attributes(), socket.attributes()));
        if (pending.isEmpty()) {
            return null;
        }
        ConnectionStateRecovery.SavedSession saved = pending.get();
        Set<String> rooms = new java.util.HashSet<>(saved.rooms());
        rooms.remove(saved.socketId());
        Set<String> allowed = filter.roomsToRestore(socket, Set.copyOf(rooms));
        return allowed == null ? Set.of() : Set.copyOf(allowed);
    }

    private void resume(SocketIoSocket socket, ConnectionStateRecovery.Restored restored) {
        ConnectionStateRecovery.SavedSession saved = restored.session();
        socket.identity(saved.socketId(), saved.pid(), true);
        saved.attributes().forEach(socket.attributes()::putIfAbsent);
        for (String room : saved.rooms()) {
            rooms.join(socket, room);
        }
        rooms.join(socket, saved.socketId());
        long lastQueued = restored.missed().isEmpty()
                ? saved.lastQueuedSeq()
                : restored.missed().getLast().seq();
        socket.markConnected(saved.baselineSeq(), lastQueued);
    }

    /** A resumed session keeps its attributes only for the same identity (e.g. the same user). */
    private static boolean sameIdentity(Map<String, Object> saved, Map<String, Object> fresh) {
        for (Map.Entry<String, Object> entry : fresh.entrySet()) {
            Object before = saved.get(entry.getKey());
            if (before != null && !before.equals(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** A socket refused after a middleware may have joined rooms: it leaves them, and joins none later. */
    private void abandon(SocketIoSocket socket) {
        lock.lock();
        try {
            socket.markGone();
            rooms.leaveAll(socket);
        } finally {
            lock.unlock();
        }
    }

    private void refuse(ClientConnection client, String message, tools.jackson.databind.JsonNode data) {
        client.send(PacketEncoder.encode(
                new SocketPacket.ConnectError(name, ClientConnection.errorData(message, data))));
    }

    void fireConnection(SocketIoSocket socket) {
        for (Consumer<SocketIoSocket> handler : connectionHandlers) {
            try {
                handler.accept(socket);
            } catch (RuntimeException e) {
                LOG.warn("connection handler of {} failed", name, e);
            }
        }
    }

    void join(SocketIoSocket socket, String room) {
        lock.lock();
        try {
            if (socket.joinable()) {
                rooms.join(socket, room);
            }
        } finally {
            lock.unlock();
        }
    }

    void leave(SocketIoSocket socket, String room) {
        lock.lock();
        try {
            rooms.leave(socket, room);
        } finally {
            lock.unlock();
        }
    }

    Set<String> roomsOf(SocketIoSocket socket) {
        lock.lock();
        try {
            return rooms.roomsOf(socket);
        } finally {
            lock.unlock();
        }
    }

    void remove(SocketIoSocket socket, DisconnectReason reason) {
        lock.lock();
        try {
            sockets.remove(socket.id(), socket);
            Set<String> left = rooms.leaveAll(socket);
            if (recovery != null && reason.recoverable() && socket.pid() != null) {
                recovery.save(new ConnectionStateRecovery.SavedSession(socket.pid(), socket.id(), Set.copyOf(left),
                        Map.copyOf(socket.attributes()), socket.baselineSeq(), socket.lastQueuedSeq(),
                        recovery.currentSeq(), server.clock().millis()));
            }
        } finally {
            lock.unlock();
        }
        for (BiConsumer<SocketIoSocket, DisconnectReason> handler : disconnectHandlers) {
            try {
                handler.accept(socket, reason);
            } catch (RuntimeException e) {
                LOG.warn("disconnect handler of {} failed", name, e);
            }
        }
    }

    void pruneRecovery() {
        if (recovery == null) {
            return;
        }
        lock.lock();
        try {
            recovery.prune();
        } finally {
            lock.unlock();
        }
    }

    static ArrayNode eventData(String event, Object[] args) {
        ArrayNode data = PacketJson.NODES.arrayNode(args.length + 1);
        data.add(event);
        for (Object arg : args) {
            data.add(PacketJson.toNode(arg));
        }
        return data;
    }

    static ArrayNode argsArray(Object[] args) {
        ArrayNode data = PacketJson.NODES.arrayNode(args.length);
        for (Object arg : args) {
            data.add(PacketJson.toNode(arg));
        }
        return data;
    }
}
