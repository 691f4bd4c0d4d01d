package org.parley.socketio;

import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.parley.socketio.engine.EngineListener;
import org.parley.socketio.engine.EngineServer;
import org.parley.socketio.engine.Timers;
import org.parley.socketio.engine.EngineSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO v5 server on top of its own Engine.IO endpoint. Create namespaces with
 * {@link #namespace(String)}, register handlers, then {@link #install} it into Javalin.
 */
public final class SocketIoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketIoServer.class);

    private final SocketIoConfig config;
    private final Clock clock;
    private final EngineServer engine;
    private final ConcurrentHashMap<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Timers.newTimer("socketio-timer");
    private final ExecutorService callbacks = Executors.newVirtualThreadPerTaskExecutor();

    public SocketIoServer(SocketIoConfig config, MeterRegistry registry) {
        this(config, registry, Clock.systemUTC());
    }

    public SocketIoServer(SocketIoConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.engine = new EngineServer(config.path(), config.engine(), registry, this::onEngineSession);
        warmUpCodec();
        if (config.recovery().enabled()) {
            Duration every = config.recovery().maxDisconnectionDuration().dividedBy(4);
            timer.scheduleWithFixedDelay(this::pruneRecovery, every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The namespace with this name (created on first use); {@code "/"} is the main one. */
    public Namespace namespace(String name) {
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("namespace names start with '/'");
        }
        return namespaces.computeIfAbsent(name, n -> new Namespace(n, this, config.recovery().enabled()
                ? new ConnectionStateRecovery(config.recovery().maxDisconnectionDuration(),
                        config.recovery().maxPacketsPerRoom(), config.recovery().maxLoggedBytes(), clock)
                : null));
    }

    public Optional<Namespace> findNamespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    public EngineServer engine() {
        return engine;
    }

    public SocketIoConfig config() {
        return config;
    }

    /**
     * Mounts the endpoint ({@code config.path()}, HTTP long-polling and WebSocket) on the caller's
     * Javalin configuration; call it inside {@code Javalin.create(config -> ...)}.
     */
    public void install(JavalinConfig javalin) {
        engine.install(javalin);
    }

    /** Closes every connection (clients are told to reconnect elsewhere) and stops the timers. */
    @Override
    public void close() {
        engine.close();
        timer.shutdownNow();
        callbacks.shutdown();
    }

    /**
     * Loads and exercises the codec once at start, so the first client's CONNECT is not slowed by
     * class loading (it must be answered well within pingInterval).
     */
    private static void warmUpCodec() {
        try {
            PacketDecoder decoder = new PacketDecoder(2);
            decoder.onText("0{\"token\":\"warm-up\"}");
            decoder.onText("2[\"event\",1,\"2\",{\"3\":[true,null,1.5]}]");
            decoder.onText("51-3[\"event\",{\"_placeholder\":true,\"num\":0}]");
            SocketPacket packet = decoder.onBinary(new byte[] {1});
            PacketEncoder.encode(packet);
            PacketEncoder.encode(new SocketPacket.Connect("/", PacketJson.NODES.objectNode().put("sid", "x")));
            EventArgs.ofEvent(Namespace.eventData("event", new Object[] {"text", 1, new byte[] {2}})).asList();
        } catch (InvalidPacketException e) {
            throw new IllegalStateException("codec self-check failed", e);
        }
    }

    private EngineListener onEngineSession(EngineSession session) {
        return new ClientConnection(this, session);
    }

    Clock clock() {
        return clock;
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return Timers.schedule(timer, task, delay);
    }

    /** Runs an acknowledgement callback on its own virtual thread (inline once stopped). */
    void runCallback(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void pruneRecovery() {
        try {
            namespaces.values().forEach(Namespace::pruneRecovery);
        } catch (RuntimeException e) {
            LOG.warn("pruning recovery state failed", e);
        }
    }
}
