package org.parley.socketio;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Consumer;
import org.parley.socketio.engine.EngineConfig;
import org.parley.socketio.engine.EngineConnectionHandler;
import org.parley.socketio.engine.EngineServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Socket.IO or raw Engine.IO endpoint on its own Javalin, on a free loopback port, for tests. */
public final class GatewayTestServer implements AutoCloseable {

    static {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root
                && root.getLevel() == ch.qos.logback.classic.Level.DEBUG) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    private final Javalin app;
    private final SimpleMeterRegistry registry;
    private final SocketIoServer io;
    private final EngineServer engine;

    private GatewayTestServer(SimpleMeterRegistry registry, SocketIoServer io, EngineServer engine,
            Consumer<JavalinConfig> installer) {
        this.registry = registry;
        this.io = io;
        this.engine = engine;
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            installer.accept(config);
        }).start("127.0.0.1", 0);
    }

    /** A Socket.IO server at {@code /socket.io/}; {@code setup} registers namespaces and handlers. */
    public static GatewayTestServer socketIo(SocketIoConfig config, Consumer<SocketIoServer> setup) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SocketIoServer io = new SocketIoServer(config, registry);
        setup.accept(io);
        return new GatewayTestServer(registry, io, io.engine(), io::install);
    }

    /** A raw Engine.IO server at {@code /engine.io/}. */
    public static GatewayTestServer engineIo(EngineConfig config, EngineConnectionHandler handler) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EngineServer engine = new EngineServer("/engine.io/", config, registry, handler);
        return new GatewayTestServer(registry, null, engine, engine::install);
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public SocketIoServer io() {
        return io;
    }

    public EngineServer engine() {
        return engine;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        if (io != null) {
            io.close();
        } else {
            engine.close();
        }
        app.stop();
    }
}
