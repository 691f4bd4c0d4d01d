package org.parley.socketio;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client in one namespace. Its id is distinct from the Engine.IO session id and is also a room
 * that only this socket is in. Methods may be called from any thread.
 */
public final class SocketIoSocket {

    private static final Logger LOG = LoggerFactory.getLogger(SocketIoSocket.class);

    private final Namespace namespace;
    private final ClientConnection client;
    /** Loses its auth object once the connection handlers ran (see {@link Handshake}). */
    private volatile Handshake handshake;
    private final AckRegistry acks;
    /** Sized for the few attributes a socket carries (a table of 16 would be most of it). */
    private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>(2);
    private final AtomicBoolean connected = new AtomicBoolean();
    /** Set once the socket was refused or has left: it joins no room any more. */
    private volatile boolean gone;
    private volatile String id;
    private volatile String pid;
    private volatile boolean recovered;
    private volatile long baselineSeq;
    private volatile long lastQueuedSeq;

    SocketIoSocket(Namespace namespace, ClientConnection client, String id, Handshake handshake) {
        this.namespace = namespace;
        this.client = client;
        this.id = id;
        this.handshake = handshake;
        this.acks = new AckRegistry(client.server());
    }

    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** What the client presented; its auth object is empty once the connection handlers have run. */
    public Handshake handshake() {
        return handshake;
    }

    /** The connection handlers have run: the client's auth object is not kept any longer. */
    void forgetAuth() {
        handshake = handshake.withoutAuth();
    }

    /** Whether this socket resumed an earlier one (same id, rooms and attributes, missed broadcasts replayed). */
    public boolean recovered() {
        return recovered;
    }

    public boolean connected() {
        return connected.get();
    }

    /** {@code polling} or {@code websocket}. */
    public String transport() {
        return client.session().transportName();
    }

    /** Free-form state of this socket (e.g. the authenticated principal); kept across recovery. */
    public ConcurrentMap<String, Object> attributes() {
        return attributes;
    }

    public <T> Optional<T> attribute(String key, Class<T> type) {
        Object value = attributes.get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /**
     * Puts the socket in {@code room}. Called from a connect middleware, the socket is in the room
     * from then on, and hears the room's broadcasts from its CONNECT answer on (none before it);
     * if it is refused after all, it leaves the room again.
     */
    public void join(String room) {
        namespace.join(this, room);
    }

    public void leave(String room) {
        namespace.leave(this, room);
    }

    public Set<String> rooms() {
        return namespace.roomsOf(this);
    }

    /** Sends an event to this socket only; false when it is gone or its queue overflowed. */
    public boolean emit(String event, Object... args) {
        return client.send(PacketEncoder.event(namespace.name(), SocketPacket.NO_ACK, event, args, null));
    }

    /**
     * Sends an event and waits for the client's acknowledgement; the future fails with
     * {@link AckTimeoutException} after {@code timeout} or when the socket disconnects. It completes
     * on its own virtual thread.
     */
    public CompletableFuture<EventArgs> emitWithAck(String event, Duration timeout, Object... args) {
        CompletableFuture<EventArgs> result = new CompletableFuture<>();
        if (!connected()) {
            result.completeExceptionally(new AckTimeoutException("socket disconnected"));
            return result;
        }
        long ackId = acks.register(result, timeout);
        if (!client.send(PacketEncoder.event(namespace.name(), ackId, event, args, null))) {
            acks.cancel(ackId);
            result.completeExceptionally(new AckTimeoutException("socket disconnected"));
        }
        return result;
    }

    /** A broadcast to the namespace that leaves this socket out; narrow it with {@code to(room)}. */
    public Broadcast broadcast() {
        return namespace.except(id);
    }

    /**
     * Leaves the namespace: the client gets a DISCONNECT packet (and will not reconnect on its
     * own). With {@code closeConnection}, the whole connection is closed after that.
     */
    public void disconnect(boolean closeConnection) {
        client.disconnectSocket(this, closeConnection);
    }

    // ---- called by the connection, on its handler thread --------------------------------------

    ClientConnection client() {
        return client;
    }

    String pid() {
        return pid;
    }

    void identity(String socketId, String privateId, boolean wasRecovered) {
        this.id = socketId;
        this.pid = privateId;
        this.recovered = wasRecovered;
    }

    /** Not refused and not left: may be in rooms. */
    boolean joinable() {
        return !gone;
    }

    void markGone() {
        gone = true;
    }

    void markConnected(long baseline, long lastQueued) {
        this.baselineSeq = baseline;
        this.lastQueuedSeq = lastQueued;
        connected.set(true);
    }

    long baselineSeq() {
        return baselineSeq;
    }

    long lastQueuedSeq() {
        return lastQueuedSeq;
    }

    void queued(long seq) {
        lastQueuedSeq = seq;
    }

    void onEvent(SocketPacket.Event event) {
        EventHandler handler = namespace.handler(event.name());
        if (handler == null) {
            LOG.debug("no handler for event {} in {}", event.name(), namespace.name());
            return;
        }
        Ack ack = event.wantsAck() ? new ClientAck(event.ackId()) : Ack.NONE;
        try {
            handler.handle(this, EventArgs.ofEvent(event.data()), ack);
        } catch (Exception e) {
            LOG.warn("handler of {} in {} failed", event.name(), namespace.name(), e);
        }
    }

    void onAck(SocketPacket.Ack ack) {
        if (!acks.complete(ack.ackId(), ack.data())) {
            LOG.debug("late or unknown ack {} on {}", ack.ackId(), id);
        }
    }

    /** Leaves the namespace; returns false if it had already left. */
    boolean onDisconnect(DisconnectReason reason) {
        if (!connected.compareAndSet(true, false)) {
            return false;
        }
        gone = true;
        acks.failAll("socket disconnected: " + reason.description());
        namespace.remove(this, reason);
        return true;
    }

    private final class ClientAck implements Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        ClientAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public boolean requested() {
            return true;
        }

        @Override
        public void send(Object... args) {
            if (sent.compareAndSet(false, true)) {
                client.send(PacketEncoder.ack(namespace.name(), ackId, args));
            }
        }
    }

    @Override
    public String toString() {
        return "SocketIoSocket[" + namespace.name() + " " + id + "]";
    }
}
