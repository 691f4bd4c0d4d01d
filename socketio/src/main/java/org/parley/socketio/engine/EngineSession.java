package org.parley.socketio.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session: its outbound queue, its current transport, what it does with the packets
 * it receives, and the way it ends. Long-polling requests are answered by {@link PollingExchange},
 * the move to WebSocket by {@link TransportUpgrade}, the heartbeat by {@link Heartbeat}. State
 * changes happen under one lock; I/O and listener calls happen outside it.
 */
public final class EngineSession {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
    private static final OutboundFrame PING = new OutboundFrame.Text("2");
    private static final OutboundFrame CLOSE = new OutboundFrame.Text("1");
    private static final OutboundFrame NOOP = new OutboundFrame.Text("6");

    private final String id;
    private final EngineRequest request;
    private final EngineServer server;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutboundQueue queue;
    private final AtomicBoolean closeNotified = new AtomicBoolean();
    private final SessionTimers timers = new SessionTimers();
    private final Heartbeat heartbeat;
    private final PollingExchange polling;
    private final TransportUpgrade upgrade;
    private volatile EngineListener listener;
    private volatile PendingSessions.Slot pendingSlot;
    private SessionState state = SessionState.OPEN;
    private Transport transport;

    EngineSession(String id, EngineRequest request, Transport transport, EngineServer server) {
        this.id = id;
        this.request = request;
        this.transport = transport;
        this.server = server;
        this.queue = new OutboundQueue(server.config().maxQueuedPackets(), server.config().maxQueuedBytes());
        this.heartbeat = new Heartbeat(this, server);
        this.polling = new PollingExchange(this);
        this.upgrade = new TransportUpgrade(this, polling);
    }

    public String id() {
        return id;
    }

    public EngineRequest request() {
        return request;
    }

    void holdPending(PendingSessions.Slot slot) {
        this.pendingSlot = slot;
    }

    /**
     * The layer above accepted this session (at Socket.IO: it joined a namespace), so it no longer
     * counts against its client's limit of sessions awaiting admission. A session that begins to
     * close stops counting too.
     */
    public void admitted() {
        PendingSessions.Slot slot = pendingSlot;
        if (slot != null) slot.release();
    }

    /** {@code polling} or {@code websocket}. */
    public String transportName() {
        return locked(() -> transport.kind().wireName());
    }

    public boolean isOpen() {
        return locked(() -> state.isLive());
    }

    /**
     * Queues the frames of one packet (all or none). Returns false when the session is closed, or
     * when the queue is full: the session is then closed with {@link CloseReason#QUEUE_OVERFLOW}.
     * Never blocks on the client.
     */
    public boolean send(List<OutboundFrame> frames) {
        CompletableFuture<PollResponse> get = null;
        String body = null;
        WebSocketTransport ws = null;
        boolean accepted;
        lock.lock();
        try {
            if (!state.isLive()) {
                return false;
            }
            accepted = queue.offer(frames);
            if (accepted) {
                switch (transport) {
                    case PollingTransport poll when poll.hasPendingGet() -> {
                        get = poll.takePendingGet();
                        body = drainPayloadLocked();
                    }
                    case WebSocketTransport socket -> ws = socket;
                    default -> { }
                }
            }
        } finally {
            lock.unlock();
        }
        if (!accepted) {
            server.metrics().queueOverflow();
            LOG.info("closing session {}: outbound queue overflow", id);
            close(CloseReason.QUEUE_OVERFLOW);
            return false;
        }
        if (get != null) {
            get.complete(PollResponse.ok(body));
        }
        if (ws != null) {
            ws.pump();
        }
        return true;
    }

    /** Closes right away; queued frames are dropped and a pending poll gets a close packet. */
    public void close(CloseReason reason) {
        CompletableFuture<PollResponse> get = null;
        Transport current;
        WebSocketTransport probe;
        lock.lock();
        try {
            if (state == SessionState.CLOSED) {
                return;
            }
            current = transport;
            probe = upgrade.detachLocked();
            if (current instanceof PollingTransport poll) {
                get = poll.takePendingGet();
            }
            queue.clear();
            markClosedLocked();
        } finally {
            lock.unlock();
        }
        LOG.debug("session {} closed: {}", id, reason.description());
        if (get != null) {
            get.complete(PollResponse.ok("1"));
        }
        if (current instanceof WebSocketTransport ws) {
            ws.close(WebSocketTransport.codeFor(reason), reason.description());
        }
        if (probe != null) {
            probe.close(WebSocketTransport.codeFor(reason), reason.description());
        }
        notifyClosed(reason);
    }

    /** Closes after the frames already queued are delivered (bounded by pingTimeout). */
    public void closeGracefully(CloseReason reason) {
        beginClosing(reason, CLOSE, false);
    }

    /** Closes the session because the client sent input that breaks the protocol. */
    public void rejectMalformed(String why) {
        LOG.debug("session {}: closing on malformed input: {}", id, why);
        server.metrics().protocolError();
        close(CloseReason.PARSE_ERROR);
    }

    private void beginClosing(CloseReason reason, OutboundFrame finalPollFrame, boolean dropQueued) {
        CompletableFuture<PollResponse> get = null;
        String body = null;
        WebSocketTransport ws = null;
        WebSocketTransport probe;
        lock.lock();
        try {
            if (!state.isLive()) {
                return;
            }
            probe = upgrade.detachLocked();
            state = SessionState.CLOSING;
            admitted();
            timers.cancelAll();
            heartbeat.stop();
            if (dropQueued) {
                queue.clear();
            }
            switch (transport) {
                case PollingTransport poll -> {
                    queue.offerForced(finalPollFrame);
                    get = poll.takePendingGet();
                    if (get != null) {
                        body = drainPayloadLocked();
                        if (queue.isEmpty()) {
                            markClosedLocked();
                        }
                    }
                }
                case WebSocketTransport socket -> ws = socket;
            }
            if (state == SessionState.CLOSING) {
                timers.closing = server.schedule(() -> close(reason), server.config().pingTimeout());
            }
        } finally {
            lock.unlock();
        }
        if (probe != null) {
            probe.close(WebSocketTransport.CLOSE_NORMAL, reason.description());
        }
        notifyClosed(reason);
        if (get != null) {
            get.complete(PollResponse.ok(body));
        }
        if (ws != null) {
            ws.pump();
        }
    }

    // ---- entry points for the transports ------------------------------------------------------

    CompletableFuture<PollResponse> onPollRequest() {
        return polling.onGet();
    }

    PollResponse onPostRequest(byte[] body) {
        return polling.onPost(body);
    }

    /** A WebSocket request for this session passed validation; its handshake is about to be answered. */
    void expectProbe() {
        upgrade.reserve();
    }

    /** Lets a WebSocket with this session's id take over, or closes it when that is not allowed now. */
    void offerProbe(WebSocketTransport ws) {
        if (!upgrade.attach(ws)) {
            LOG.debug("session {}: refusing a WebSocket (upgrading or upgraded)", id);
            upgrade.refuse(ws);
        }
    }

    void onWebSocketText(WebSocketTransport ws, String text) {
        server.metrics().received(text.length());
        EnginePacket packet;
        try {
            packet = EnginePacketCodec.decodeText(text);
        } catch (MalformedPacketException e) {
            if (upgrade.isProbe(ws)) {
                upgrade.abort(ws, e.getMessage());
            } else if (isCurrent(ws)) {
                rejectMalformed(e.getMessage());
            }
            return;
        }
        onWebSocketPacket(ws, packet);
    }

    void onWebSocketBinary(WebSocketTransport ws, byte[] data) {
        server.metrics().received(data.length);
        onWebSocketPacket(ws, new EnginePacket.BinaryMessage(data));
    }

    private void onWebSocketPacket(WebSocketTransport ws, EnginePacket packet) {
        if (upgrade.isProbe(ws)) {
            upgrade.onPacket(ws, packet);
        } else if (isCurrent(ws)) {
            onPacketFromCurrent(ws, packet);
        }
    }

    void onWebSocketClosed(WebSocketTransport ws) {
        if (upgrade.isProbe(ws)) {
            upgrade.abort(ws, "probe closed");
        } else if (isCurrent(ws)) {
            close(CloseReason.TRANSPORT_CLOSE);
        }
    }

    void onTransportFailed(WebSocketTransport ws) {
        if (upgrade.isProbe(ws)) {
            upgrade.abort(ws, "probe failed");
        } else if (isCurrent(ws)) {
            close(CloseReason.TRANSPORT_ERROR);
        }
    }

    /**
     * Moves up to {@code max} waiting frames into {@code into} for the WebSocket pump; returns how
     * many, and tells the transport when it must ask again after writing them. Finishes a graceful
     * close once drained.
     */
    int nextFrames(WebSocketTransport ws, int max, java.util.List<OutboundFrame> into) {
        int taken = 0;
        boolean drained = false;
        lock.lock();
        try {
            if (transport != ws || state == SessionState.CLOSED) {
                return 0;
            }
            OutboundFrame frame;
            while (taken < max && (frame = queue.poll()) != null) {
                into.add(frame);
                taken++;
            }
            if (taken == 0 && state == SessionState.CLOSING) {
                markClosedLocked();
                drained = true;
            } else if (taken > 0 && (!queue.isEmpty() || state == SessionState.CLOSING)) {
                ws.takeAgain(); // after this write: the rest, or the end of a graceful close
            }
        } finally {
            lock.unlock();
        }
        if (drained) {
            ws.close(WebSocketTransport.CLOSE_NORMAL, "closed");
        }
        return taken;
    }

    void onPacketFromCurrent(Transport from, EnginePacket packet) {
        if (!isOpen()) {
            return;
        }
        switch (packet) {
            case EnginePacket.Pong pong -> heartbeat.onPong();
            case EnginePacket.TextMessage message -> listener.onMessage(message.text());
            case EnginePacket.BinaryMessage message -> listener.onBinary(message.data());
            case EnginePacket.Noop noop -> { }
            case EnginePacket.Close close -> {
                if (from instanceof PollingTransport) {
                    beginClosing(CloseReason.TRANSPORT_CLOSE, NOOP, true);
                } else {
                    close(CloseReason.TRANSPORT_CLOSE);
                }
            }
            case EnginePacket.Ping ping -> rejectMalformed("ping from client");
            case EnginePacket.Upgrade done -> rejectMalformed("upgrade without probe");
            case EnginePacket.Open open -> rejectMalformed("open from client");
        }
    }

    // ---- for the server, the heartbeat and the helpers ------------------------------------------

    void listener(EngineListener value) {
        this.listener = value;
    }

    void startHeartbeat() {
        heartbeat.start();
    }

    void sendPing() {
        send(List.of(PING));
    }

    /** Queues the open packet of a WebSocket-first session, before anything else. */
    void queueHandshake(OutboundFrame open) {
        lock.lock();
        try {
            queue.offerForced(open);
        } finally {
            lock.unlock();
        }
    }

    boolean hasPendingPoll() {
        return locked(() -> transport instanceof PollingTransport poll && poll.hasPendingGet());
    }

    boolean isUpgrading() {
        return locked(() -> state == SessionState.UPGRADING);
    }

    ReentrantLock lock() {
        return lock;
    }

    TransportUpgrade upgrade() {
        return upgrade;
    }

    EngineServer server() {
        return server;
    }

    OutboundQueue queue() {
        return queue;
    }

    SessionTimers timers() {
        return timers;
    }

    SessionState state() {
        return state;
    }

    void state(SessionState value) {
        state = value;
    }

    Transport transport() {
        return transport;
    }

    /** Makes the WebSocket the session's transport (the upgrade completed). */
    void switchTransportLocked(WebSocketTransport ws) {
        server.metrics().transportClosed(transport.kind());
        server.metrics().transportOpened(ws.kind());
        transport = ws;
        state = SessionState.OPEN;
    }

    String drainPayloadLocked() {
        List<OutboundFrame> frames = queue.drain(server.config().maxPayload());
        for (OutboundFrame frame : frames) {
            server.metrics().sent(frame.size());
        }
        return EnginePacketCodec.encodePayload(frames);
    }

    void markClosedLocked() {
        state = SessionState.CLOSED;
        timers.cancelAll();
        heartbeat.stop();
        admitted();
        server.remove(this);
        server.metrics().transportClosed(transport.kind());
    }

    private void notifyClosed(CloseReason reason) {
        EngineListener current = listener;
        if (current != null && closeNotified.compareAndSet(false, true)) {
            try {
                current.onClose(reason);
            } catch (RuntimeException e) {
                LOG.warn("session {}: close listener failed", id, e);
            }
        }
    }

    private boolean isCurrent(Transport candidate) {
        return locked(() -> transport == candidate);
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
