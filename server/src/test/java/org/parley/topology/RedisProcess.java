package org.parley.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.parley.testkit.TestDatabase;

/**
 * A Redis server of this test's own on a free port, so that it can be stopped and started like an
 * operator's: a plain server, a replica of another, or a Sentinel watching a primary.
 */
final class RedisProcess implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final int port = Ports.free();
    private final Path dir;
    private final String name;
    private final List<String> extra;
    private LoggedProcess process;

    private RedisProcess(Path dir, String name, List<String> extra) {
        this.dir = dir;
        this.name = name;
        this.extra = extra;
    }

    static RedisProcess start(Path dir) {
        return launched(new RedisProcess(dir, "redis", List.of()));
    }

    /** A replica of {@code primary}, as Sentinel may promote it. */
    static RedisProcess replicaOf(Path dir, RedisProcess primary) {
        return launched(new RedisProcess(dir, "redis-replica", List.of("--replicaof", "127.0.0.1", String.valueOf(primary.port))));
    }

    /** A Sentinel that fails {@code primary} over to a replica one second after it stops answering. */
    static RedisProcess sentinelOf(Path dir, RedisProcess primary, String masterName) {
        Path conf = dir.resolve("sentinel.conf");
        try {
            Files.createDirectories(dir);
            // Sentinel rewrites its own file, so it gets a writable copy of its own
            Files.writeString(conf, String.join("\n",
                    "sentinel monitor " + masterName + " 127.0.0.1 " + primary.port + " 1",
                    "sentinel down-after-milliseconds " + masterName + " 1000",
                    "sentinel failover-timeout " + masterName + " 5000",
                    "sentinel parallel-syncs " + masterName + " 1", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return launched(new RedisProcess(dir, "redis-sentinel", List.of(conf.toString(), "--sentinel")));
    }

    private static RedisProcess launched(RedisProcess redis) {
        if (!Files.isExecutable(SERVER)) TestDatabase.requireOrSkip("redis-server is not installed at " + SERVER);
        redis.launch();
        return redis;
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(SERVER.toString()));
        command.addAll(extra);
        command.addAll(List.of("--port", String.valueOf(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
        if (!extra.contains("--sentinel")) command.addAll(List.of("--save", "", "--appendonly", "no"));
        process = LoggedProcess.start(name, dir.resolve(name + ".log"), command);
        Ports.awaitListening(port, Duration.ofSeconds(10), name);
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops Redis (everything in it is gone: it keeps nothing on disk). */
    void stop() {
        process.stop(5);
    }

    /** SIGKILL, as when the primary's machine is lost. */
    void kill() {
        process.kill();
    }

    /** Starts it again on the same port. */
    void start() {
        launch();
    }

    String log() {
        return process.tail(30);
    }

    @Override
    public void close() {
        if (process != null && process.alive()) process.stop(5);
    }
}
