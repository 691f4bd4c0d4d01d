package org.parley.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.parley.testkit.TestDatabase;

/** A Redis server of this test's own on a free port, so that it can be stopped and started like an operator's. */
final class RedisProcess implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final int port = Ports.free();
    private final Path dir;
    private LoggedProcess process;

    private RedisProcess(Path dir) {
        this.dir = dir;
    }

    static RedisProcess start(Path dir) {
        if (!Files.isExecutable(SERVER)) TestDatabase.requireOrSkip("redis-server is not installed at " + SERVER);
        RedisProcess redis = new RedisProcess(dir);
        redis.launch();
        return redis;
    }

    private void launch() {
        process = LoggedProcess.start("redis", dir.resolve("redis.log"), List.of(SERVER.toString(), "--port",
                String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        Ports.awaitListening(port, Duration.ofSeconds(10), "redis");
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops Redis (everything in it is gone: it keeps nothing on disk). */
    void stop() {
        process.stop(5);
    }

    /** Starts it again on the same port. */
    void start() {
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.alive()) process.stop(5);
    }
}
