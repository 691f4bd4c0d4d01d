package org.parley.socketio.conformance;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.parley.socketio.engine.EngineConfig;
import org.parley.socketio.engine.EngineServer;
import org.parley.socketio.SocketIoConfig;
import org.parley.socketio.SocketIoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server the official Engine.IO and Socket.IO conformance suites expect on port 3000: a raw
 * Engine.IO echo endpoint at {@code /engine.io/} and a Socket.IO endpoint at {@code /socket.io/}.
 */
public final class ConformanceServer {

    private ConformanceServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        quietLogs();
        EngineConfig engineConfig = EngineConfig.defaults()
                .withHeartbeat(Duration.ofMillis(300), Duration.ofMillis(200))
                .withMaxPayload(1_000_000)
                .withAllowedOrigins(Set.of(EngineConfig.ANY_ORIGIN));
        var registry = new SimpleMeterRegistry();
        EngineServer echo = new EngineServer("/engine.io/", engineConfig, registry, EngineEcho::new);
        SocketIoServer io = new SocketIoServer(SocketIoConfig.defaults()
                .withEngine(engineConfig)
                .withConnectTimeout(Duration.ofMillis(1000))
                .withRecovery(SocketIoConfig.RecoveryConfig.disabled()), registry);
        SocketIoFixture.install(io);
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            echo.install(config);
            io.install(config);
        });
        app.start("localhost", port);
    }

    /** Keeps the fixture's console readable unless a logging configuration says otherwise. */
    private static void quietLogs() {
        if (System.getProperty("logback.configurationFile") == null
                && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }
}
