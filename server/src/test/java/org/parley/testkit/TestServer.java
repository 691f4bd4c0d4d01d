package org.parley.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.Parley;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;

/**
 * A real Parley node for tests: own temporary data directory, a free port on 127.0.0.1, SQLite by
 * default or any {@link TestDatabase}. Drive it over HTTP with {@link ApiClient} and over sockets
 * with a real Socket.IO client.
 */
public final class TestServer implements AutoCloseable {
    private final Parley node;
    private final Path dataDir;
    private final TestDatabase database;
    private final boolean ownsDatabase;
    private final List<String> args;

    private TestServer(Parley node, Path dataDir, TestDatabase database, boolean ownsDatabase, List<String> args) {
        this.node = node;
        this.dataDir = dataDir;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.args = args;
    }

    /** A node on SQLite in a fresh temporary directory. */
    public static TestServer start() {
        return start(null, Map.of());
    }

    /**
     * A node on {@code database} (null: SQLite in the data directory), with extra settings by key,
     * as on the command line (for example {@code "allowed-origins" -> "https://a.example"}).
     */
    public static TestServer start(TestDatabase database, Map<String, String> settings) {
        Path dir;
        try {
            dir = Files.createTempDirectory("parley-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean owns = database == null;
        TestDatabase db = owns ? TestDatabase.sqlite(dir) : database;
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir", dir.toString(),
                "--database-url", db.url(), "--password-hash-concurrency", "4", "--management-port", "0",
                "--registrations-per-address-per-hour", "100000"));
        settings.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        if (settings.containsKey("redis-url") && !settings.containsKey("redis-key-prefix")) {
            // the nodes of one database are one cluster: their keys stay apart from other tests' on the shared Redis
            args.addAll(List.of("--redis-key-prefix", "parley-test-" + Integer.toHexString(db.url().hashCode()) + ":"));
        }
        ParleyConfig config = ConfigLoader.load(args, Map.of());
        return new TestServer(Parley.start(config, Clock.systemUTC()), dir, db, owns, List.copyOf(args));
    }

    /**
     * Stops this node and starts a new one on the same data directory and database (a server
     * restart: tokens stay valid, the port changes). Close only the returned server.
     */
    public TestServer restart() {
        node.close();
        ParleyConfig config = ConfigLoader.load(args, Map.of());
        return new TestServer(Parley.start(config, Clock.systemUTC()), dataDir, database, ownsDatabase, args);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + node.port();
    }

    public int port() {
        return node.port();
    }

    /** The port of the management listener ({@code /metrics}), on 127.0.0.1. */
    public int managementPort() {
        return node.managementPort();
    }

    /** This node's event bus (a {@code RedisBus} when the node was given a {@code redis-url}). */
    public org.parley.bus.EventBus bus() {
        return node.bus();
    }

    public Path dataDir() {
        return dataDir;
    }

    public ApiClient api() {
        return new ApiClient(baseUrl());
    }

    @Override
    public void close() {
        node.close();
        if (ownsDatabase) database.close();
        deleteRecursively(dataDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary directory; the OS cleans it eventually
        }
    }
}
