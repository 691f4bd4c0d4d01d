package org.parley.gateway;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Consumer;
import org.parley.gateway.engineio.EngineConfig;
import org.parley.gateway.engineio.EngineConnectionHandler;
import org.parley.gateway.engineio.EngineServer;
import org.parley.gateway.socketio.SocketIoConfig;
import org.parley.gateway.socketio.SocketIoServer;
import org.parley.http.RouteInstaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A gateway on its own Javalin, on a free loopback port, for tests. */
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
            RouteInstaller installer) {
        this.registry = registry;
        this.io = io;
        this.engine = engine;
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            installer.install(config);
        }).start("127.0.0.1", 0);
    }

    /** A Socket.IO server at {@code /socket.io/}; {@code setup} registers namespaces and handlers. */
    public static GatewayTestServer socketIo(SocketIoConfig config, Consumer<SocketIoServer> setup) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SocketIoServer io = new SocketIoServer(config, registry);
        setup.accept(io);
        return new GatewayTestServer(registry, io, io.engine(), io);
    }

    /** A raw Engine.IO server at {@code /engine.io/}. */
    public static GatewayTestServer engineIo(EngineConfig config, EngineConnectionHandler handler) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EngineServer engine = new EngineServer("/engine.io/", config, registry, handler);
        return new GatewayTestServer(registry, null, engine, engine);
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
