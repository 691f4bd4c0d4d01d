package org.parley.socketio.engine;

import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * An Engine.IO v4 endpoint at one path: handshakes, the session registry, timers, and the HTTP and
 * WebSocket routes it installs into Javalin.
 */
public final class EngineServer implements AutoCloseable {

    private final String path;
    private final EngineConfig config;
    private final EngineMetrics metrics;
    private final EngineConnectionHandler handler;
    private final ConcurrentHashMap<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final ExecutorService responder = Executors.newVirtualThreadPerTaskExecutor();
    private final OriginPolicy cors;
    private final PendingSessions pending;

    public EngineServer(String path, EngineConfig config, MeterRegistry registry, EngineConnectionHandler handler) {
        this.path = path;
        this.config = config;
        this.metrics = new EngineMetrics(registry, path);
        this.handler = handler;
        this.cors = new OriginPolicy(config.allowedOrigins());
        this.pending = new PendingSessions(config.maxPendingPerClient(), config.clientKey());
        this.timer = Timers.newTimer("engineio-timer" + path.replace('/', '-'));
    }

    /** Mounts this endpoint's HTTP (polling) and WebSocket routes on the caller's Javalin. */
    public void install(JavalinConfig javalin) {
        new PollingHandler(this, cors).install(javalin, path);
        new WebSocketHandler(this, cors).install(javalin, path);
    }

    public String path() {
        return path;
    }

    public EngineConfig config() {
        return config;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public int sessionCount() {
        return sessions.size();
    }

    EngineSession find(String sid) {
        return sessions.get(sid);
    }

    void remove(EngineSession session) {
        sessions.remove(session.id(), session);
    }

    ExecutorService responder() {
        return responder;
    }

    /** Whether the request's client may open another session now (checked before a WebSocket upgrade). */
    boolean admits(EngineRequest request) {
        return pending.hasRoom(request);
    }

    /** What a new session keeps of its request: the headers the configuration names. */
    private EngineRequest kept(EngineRequest request) {
        return config.keepsAllHeaders() ? request : request.keeping(config.keptHeaders());
    }

    /**
     * Opens a polling session and answers with its handshake packet, or with 429 when the client
     * already holds as many sessions awaiting admission as it may.
     */
    PollResponse openPolling(EngineRequest request) {
        PendingSessions.Slot slot = pending.take(request);
        if (slot == null) {
            metrics.handshakeRefused();
            return PollResponse.tooManyPending();
        }
        EngineSession session = new EngineSession(SessionIds.next(), kept(request), new PollingTransport(), this);
        session.holdPending(slot);
        register(session, Transport.Kind.POLLING);
        return PollResponse.ok(EnginePacketCodec.encodeText(
                new EnginePacket.Open(handshakeJson(session.id(), List.of("websocket")))));
    }

    /**
     * Opens a WebSocket-first session; its handshake is the first frame written. Returns false, and
     * opens nothing, when the client already holds as many sessions awaiting admission as it may.
     */
    boolean openWebSocket(WebSocketTransport ws, EngineRequest request) {
        PendingSessions.Slot slot = pending.take(request);
        if (slot == null) {
            metrics.handshakeRefused();
            return false;
        }
        EngineSession session = new EngineSession(SessionIds.next(), kept(request), ws, this);
        session.holdPending(slot);
        ws.owner(session);
        session.queueHandshake(OutboundFrame.of(new EnginePacket.Open(handshakeJson(session.id(), List.of()))));
        register(session, Transport.Kind.WEBSOCKET);
        ws.pump();
        return true;
    }

    private void register(EngineSession session, Transport.Kind kind) {
        session.listener(handler.onOpen(session));
        sessions.put(session.id(), session);
        metrics.transportOpened(kind);
        session.startHeartbeat();
    }

    private String handshakeJson(String sid, List<String> upgrades) {
        StringBuilder json = new StringBuilder("{\"sid\":\"").append(sid).append("\",\"upgrades\":[");
        for (int i = 0; i < upgrades.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(upgrades.get(i)).append('"');
        }
        return json.append("],\"pingInterval\":").append(config.pingInterval().toMillis())
                .append(",\"pingTimeout\":").append(config.pingTimeout().toMillis())
                .append(",\"maxPayload\":").append(config.maxPayload())
                .append('}').toString();
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return Timers.schedule(timer, task, delay);
    }

    /**
     * Tells every client to go away (their queued frames are flushed first, within pingTimeout), then
     * stops the timers.
     */
    @Override
    public void close() {
        for (EngineSession session : List.copyOf(sessions.values())) {
            session.closeGracefully(CloseReason.SERVER_SHUTDOWN);
        }
        long deadline = System.nanoTime() + Math.min(config.pingTimeout().toNanos(), Duration.ofSeconds(5).toNanos());
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (EngineSession session : List.copyOf(sessions.values())) {
            session.close(CloseReason.SERVER_SHUTDOWN);
        }
        timer.shutdownNow();
        responder.shutdown();
    }
}
