package org.parley.gateway.engineio;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session: its outbound queue, its current transport, the upgrade from polling to
 * WebSocket, the heartbeat and the way it ends. State changes happen under one lock; I/O and
 * listener calls happen outside it.
 */
public final class EngineSession {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
    private static final OutboundFrame PING = new OutboundFrame.Text("2");
    private static final OutboundFrame PROBE_PONG = new OutboundFrame.Text("3probe");
    private static final OutboundFrame CLOSE = new OutboundFrame.Text("1");
    private static final OutboundFrame NOOP = new OutboundFrame.Text("6");
    private static final Duration UPGRADE_NOOP_DELAY = Duration.ofMillis(200);

    private enum State { OPEN, UPGRADING, CLOSING, CLOSED }

    private final String id;
    private final EngineRequest request;
    private final EngineServer server;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutboundQueue queue;
    private final AtomicBoolean closeNotified = new AtomicBoolean();
    private final SessionTimers timers = new SessionTimers();
    private final Heartbeat heartbeat;
    private volatile EngineListener listener;
    private State state = State.OPEN;
    private Transport transport;
    private WebSocketTransport probe;
    private CompletableFuture<Void> probeAnswered = CompletableFuture.completedFuture(null);

    EngineSession(String id, EngineRequest request, Transport transport, EngineServer server) {
        this.id = id;
        this.request = request;
        this.transport = transport;
        this.server = server;
        this.queue = new OutboundQueue(server.config().maxQueuedPackets(), server.config().maxQueuedBytes());
        this.heartbeat = new Heartbeat(this, server);
    }

    public String id() {
        return id;
    }

    public EngineRequest request() {
        return request;
    }

    /** {@code polling} or {@code websocket}. */
    public String transportName() {
        return locked(() -> transport.kind().wireName());
    }

    public boolean isOpen() {
        return locked(() -> state == State.OPEN || state == State.UPGRADING);
    }

    boolean hasPendingPoll() {
        return locked(() -> transport instanceof PollingTransport polling && polling.hasPendingGet());
    }

    boolean isUpgrading() {
        return locked(() -> state == State.UPGRADING);
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    void listener(EngineListener listener) {
        this.listener = listener;
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
            if (state == State.CLOSED || state == State.CLOSING) {
                return false;
            }
            accepted = queue.offer(frames);
            if (accepted) {
                switch (transport) {
                    case PollingTransport polling when polling.hasPendingGet() -> {
                        get = polling.takePendingGet();
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
            overflow();
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

    private void overflow() {
        server.metrics().queueOverflow();
        LOG.info("closing session {}: outbound queue overflow", id);
        close(CloseReason.QUEUE_OVERFLOW);
    }

    /** Closes right away; queued frames are dropped and a pending poll gets a close packet. */
    public void close(CloseReason reason) {
        CompletableFuture<PollResponse> get = null;
        Transport current;
        WebSocketTransport probing;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            current = transport;
            probing = probe;
            probe = null;
            if (current instanceof PollingTransport polling) {
                get = polling.takePendingGet();
            }
            queue.clear();
            markClosedLocked();
        } finally {
            lock.unlock();
        }
        if (get != null) {
            get.complete(PollResponse.ok("1"));
        }
        if (current instanceof WebSocketTransport ws) {
            ws.close(WebSocketTransport.codeFor(reason), reason.description());
        }
        if (probing != null) {
            probing.close(WebSocketTransport.codeFor(reason), reason.description());
        }
        notifyClosed(reason);
    }

    /** Closes after the frames already queued are delivered (bounded by pingTimeout). */
    public void closeGracefully(CloseReason reason) {
        beginClosing(reason, CLOSE, false);
    }

    private void beginClosing(CloseReason reason, OutboundFrame finalPollFrame, boolean dropQueued) {
        CompletableFuture<PollResponse> get = null;
        String body = null;
        WebSocketTransport ws = null;
        WebSocketTransport probing;
        lock.lock();
        try {
            if (state == State.CLOSED || state == State.CLOSING) {
                return;
            }
            probing = probe;
            probe = null;
            state = State.CLOSING;
            timers.cancelAll();
            heartbeat.stop();
            if (dropQueued) {
                queue.clear();
            }
            switch (transport) {
                case PollingTransport polling -> {
                    queue.offerForced(finalPollFrame);
                    get = polling.takePendingGet();
                    if (get != null) {
                        body = drainPayloadLocked();
                        if (queue.isEmpty()) {
                            markClosedLocked();
                        }
                    }
                }
                case WebSocketTransport socket -> ws = socket;
            }
            if (state == State.CLOSING) {
                timers.closing = server.schedule(() -> close(reason), server.config().pingTimeout());
            }
        } finally {
            lock.unlock();
        }
        if (probing != null) {
            probing.close(WebSocketTransport.CLOSE_NORMAL, reason.description());
        }
        notifyClosed(reason);
        if (get != null) {
            get.complete(PollResponse.ok(body));
        }
        if (ws != null) {
            ws.pump();
        }
    }

    // ---- polling -------------------------------------------------------------------------

    CompletableFuture<PollResponse> onPollRequest() {
        CompletableFuture<PollResponse> previous;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return CompletableFuture.completedFuture(PollResponse.unknownSession());
            }
            if (!(transport instanceof PollingTransport polling)) {
                return CompletableFuture.completedFuture(PollResponse.badRequest());
            }
            if (!polling.hasPendingGet()) {
                if (!queue.isEmpty()) {
                    String body = drainPayloadLocked();
                    if (state == State.CLOSING && queue.isEmpty()) {
                        markClosedLocked();
                    }
                    return CompletableFuture.completedFuture(PollResponse.ok(body));
                }
                CompletableFuture<PollResponse> parked = polling.park(state == State.UPGRADING);
                if (state == State.UPGRADING) {
                    timers.upgradeNoop = server.schedule(() -> answerPollDuringUpgrade(true), UPGRADE_NOOP_DELAY);
                }
                return parked;
            }
            previous = polling.takePendingGet();
        } finally {
            lock.unlock();
        }
        LOG.debug("session {}: overlapping poll requests", id);
        previous.complete(PollResponse.ok("1"));
        close(CloseReason.TRANSPORT_ERROR);
        return CompletableFuture.completedFuture(PollResponse.badRequest());
    }

    PollResponse onPostRequest(byte[] body) {
        PollingTransport polling;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return PollResponse.unknownSession();
            }
            if (state == State.CLOSING || !(transport instanceof PollingTransport current)) {
                return PollResponse.badRequest();
            }
            polling = current;
            if (!polling.beginPost()) {
                polling = null;
            }
        } finally {
            lock.unlock();
        }
        if (polling == null) {
            LOG.debug("session {}: overlapping post requests", id);
            close(CloseReason.TRANSPORT_ERROR);
            return PollResponse.badRequest();
        }
        try {
            List<EnginePacket> packets;
            try {
                packets = EnginePacketCodec.decodePayload(body);
            } catch (MalformedPacketException e) {
                rejectMalformed(e.getMessage());
                return PollResponse.badRequest();
            }
            for (EnginePacket packet : packets) {
                server.metrics().received(approximateSize(packet));
                onPacketFromCurrent(polling, packet);
            }
            return PollResponse.ok("ok");
        } finally {
            lock.lock();
            try {
                polling.endPost();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Ends the pending poll with the queued packets or a noop, so the client can pause polling and
     * complete the upgrade. On the probe this only concerns a poll parked before the upgrade began;
     * a poll that arrived during the upgrade is ended by the noop timer, or with 400 by the upgrade.
     */
    private void answerPollDuringUpgrade(boolean includeLatePolls) {
        CompletableFuture<PollResponse> get = null;
        String body = null;
        lock.lock();
        try {
            if (state == State.UPGRADING && transport instanceof PollingTransport polling
                    && (includeLatePolls || !polling.pendingGetArrivedDuringUpgrade())) {
                get = polling.takePendingGet();
                if (get != null) {
                    body = queue.isEmpty() ? "6" : drainPayloadLocked();
                }
            }
        } finally {
            lock.unlock();
        }
        if (get != null) {
            get.complete(PollResponse.ok(body));
        }
    }

    // ---- WebSocket -------------------------------------------------------------------------

    /** Attaches a WebSocket that wants to take over this polling session; false if not allowed now. */
    boolean attachProbe(WebSocketTransport ws) {
        lock.lock();
        try {
            if (state != State.OPEN || !(transport instanceof PollingTransport) || probe != null) {
                return false;
            }
            probe = ws;
            ws.owner(this);
            state = State.UPGRADING;
            timers.upgrade = server.schedule(() -> abortUpgrade(ws, "upgrade timeout"),
                    server.config().upgradeTimeout());
            return true;
        } finally {
            lock.unlock();
        }
    }

    void onWebSocketText(WebSocketTransport ws, String text) {
        server.metrics().received(text.length());
        EnginePacket packet;
        try {
            packet = EnginePacketCodec.decodeText(text);
        } catch (MalformedPacketException e) {
            if (isProbe(ws)) {
                abortUpgrade(ws, e.getMessage());
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
        if (isProbe(ws)) {
            onProbePacket(ws, packet);
        } else if (isCurrent(ws)) {
            onPacketFromCurrent(ws, packet);
        }
    }

    void onWebSocketClosed(WebSocketTransport ws) {
        if (isProbe(ws)) {
            abortUpgrade(ws, "probe closed");
        } else if (isCurrent(ws)) {
            close(CloseReason.TRANSPORT_CLOSE);
        }
    }

    void onTransportFailed(WebSocketTransport ws) {
        if (isProbe(ws)) {
            abortUpgrade(ws, "probe failed");
        } else if (isCurrent(ws)) {
            close(CloseReason.TRANSPORT_ERROR);
        }
    }

    /** The next frame for the WebSocket pump, or null. Finishes a graceful close once drained. */
    OutboundFrame nextFrame(WebSocketTransport ws) {
        OutboundFrame frame;
        boolean drained = false;
        lock.lock();
        try {
            if (transport != ws || state == State.CLOSED) {
                return null;
            }
            frame = queue.poll();
            if (frame == null && state == State.CLOSING) {
                markClosedLocked();
                drained = true;
            }
        } finally {
            lock.unlock();
        }
        if (drained) {
            ws.close(WebSocketTransport.CLOSE_NORMAL, "closed");
        }
        return frame;
    }

    private void onProbePacket(WebSocketTransport ws, EnginePacket packet) {
        switch (packet) {
            case EnginePacket.Ping ping when ping.data().equals("probe") -> {
                CompletableFuture<Void> written = ws.writeDirect(PROBE_PONG);
                lock.lock();
                try {
                    probeAnswered = written;
                } finally {
                    lock.unlock();
                }
                answerPollDuringUpgrade(false);
            }
            case EnginePacket.Upgrade upgrade -> completeUpgrade(ws);
            default -> abortUpgrade(ws, "unexpected packet during upgrade");
        }
    }

    private void completeUpgrade(WebSocketTransport ws) {
        CompletableFuture<PollResponse> stale = null;
        CompletableFuture<Void> probeWritten;
        lock.lock();
        try {
            if (probe != ws || state != State.UPGRADING) {
                return;
            }
            timers.cancelUpgrade();
            if (transport instanceof PollingTransport polling) {
                stale = polling.takePendingGet();
            }
            server.metrics().transportClosed(transport.kind());
            server.metrics().transportOpened(ws.kind());
            transport = ws;
            probe = null;
            state = State.OPEN;
            probeWritten = probeAnswered;
        } finally {
            lock.unlock();
        }
        if (stale != null) {
            CompletableFuture<PollResponse> poll = stale;
            probeWritten.whenComplete((done, failure) -> poll.complete(PollResponse.badRequest()));
        }
        ws.pump();
    }

    private void abortUpgrade(WebSocketTransport ws, String why) {
        lock.lock();
        try {
            if (probe != ws) {
                return;
            }
            probe = null;
            timers.cancelUpgrade();
            if (state == State.UPGRADING) {
                state = State.OPEN;
            }
        } finally {
            lock.unlock();
        }
        LOG.debug("session {}: upgrade failed: {}", id, why);
        server.metrics().upgradeFailure();
        ws.close(WebSocketTransport.CLOSE_PROTOCOL_ERROR, "upgrade failed");
    }

    // ---- packets and heartbeat ---------------------------------------------------------------

    private void onPacketFromCurrent(Transport from, EnginePacket packet) {
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
            case EnginePacket.Upgrade upgrade -> rejectMalformed("upgrade without probe");
            case EnginePacket.Open open -> rejectMalformed("open from client");
        }
    }

    void startHeartbeat() {
        heartbeat.start();
    }

    void sendPing() {
        send(List.of(PING));
    }

    /** Closes the session because the client sent input that breaks the protocol. */
    public void rejectMalformed(String why) {
        LOG.debug("session {}: closing on malformed input: {}", id, why);
        server.metrics().protocolError();
        close(CloseReason.PARSE_ERROR);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** Queues the open packet of a WebSocket-first session, before anything else. */
    void queueHandshake(OutboundFrame open) {
        lock.lock();
        try {
            queue.offerForced(open);
        } finally {
            lock.unlock();
        }
    }

    private String drainPayloadLocked() {
        List<OutboundFrame> frames = queue.drain(server.config().maxPayload());
        for (OutboundFrame frame : frames) {
            server.metrics().sent(frame.size());
        }
        return EnginePacketCodec.encodePayload(frames);
    }

    private void markClosedLocked() {
        state = State.CLOSED;
        timers.cancelAll();
        heartbeat.stop();
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

    private boolean isProbe(WebSocketTransport ws) {
        return locked(() -> probe == ws);
    }

    private boolean isCurrent(Transport candidate) {
        return locked(() -> transport == candidate);
    }

    private static int approximateSize(EnginePacket packet) {
        return switch (packet) {
            case EnginePacket.TextMessage message -> message.text().length() + 1;
            case EnginePacket.BinaryMessage message -> message.data().length;
            default -> 1;
        };
    }

}
