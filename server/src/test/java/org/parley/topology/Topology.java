package org.parley.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TcpProxy;
import org.parley.testkit.TestDatabase;

/**
 * The multi-node deployment on loopback: one PostgreSQL database, a Redis of its own, Parley nodes
 * as separate processes and, when asked, nginx in front of them with the shipped config.
 */
public final class Topology implements AutoCloseable {
    static final String SECRET = "topology-test-secret-that-is-long-enough-0123456789";
    static final String SENTINEL_MASTER = "parley";

    private final Path dir;
    private final TestDatabase database;
    private final RedisProcess redis;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private NginxProcess nginx;
    private RedisProcess replica;
    private RedisProcess sentinel;
    private TcpProxy databaseProxy;

    private Topology(Path dir, TestDatabase database, RedisProcess redis) {
        this.dir = dir;
        this.database = database;
        this.redis = redis;
    }

    public static Topology start(int nodeCount) {
        return start(nodeCount, false);
    }

    /**
     * With {@code sentinel}, Redis is a primary, a replica and a Sentinel watching them, and the
     * nodes find the primary through the Sentinel ({@code redis-sentinel://}), as an operator
     * without a single point of failure in Redis runs it.
     */
    static Topology start(int nodeCount, boolean sentinel) {
        return start(nodeCount, sentinel, false);
    }

    /**
     * With {@code proxiedDatabase}, the nodes reach PostgreSQL through a {@link TcpProxy} the test
     * can cut and restore, as a database that stops and starts again (the machine's own server
     * keeps running for everyone else).
     */
    static Topology start(int nodeCount, boolean sentinel, boolean proxiedDatabase) {
        Path dir;
        try {
            dir = Files.createTempDirectory("parley-topology-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestDatabase database = TestDatabase.postgres();
        RedisProcess redis = RedisProcess.start(dir);
        Topology t = new Topology(dir, database, redis);
        if (proxiedDatabase) {
            t.databaseProxy = TcpProxy.to(database.address().getHostString(), database.address().getPort());
        }
        if (sentinel) {
            t.replica = RedisProcess.replicaOf(dir.resolve("replica"), redis);
            t.sentinel = RedisProcess.sentinelOf(dir.resolve("sentinel"), redis, SENTINEL_MASTER);
        }
        try {
            for (int i = 1; i <= nodeCount; i++) {
                t.nodes.add(NodeProcess.start("node-" + i, dir.resolve("node-" + i), t.nodeSettings()));
            }
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private Map<String, String> nodeSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("database-url", databaseProxy == null ? database.url() : database.through(databaseProxy).url());
        s.put("redis-url", sentinel == null ? redis.url()
                : "redis-sentinel://127.0.0.1:" + sentinel.port() + "#" + SENTINEL_MASTER);
        s.put("jwt-secret", SECRET);
        s.put("trusted-proxies", "127.0.0.1");
        s.put("password-hash-concurrency", "2");
        s.put("registrations-per-address-per-hour", "100000");
        s.put("message-burst", "1000");
        s.put("messages-per-minute", "100000");
        s.put("shutdown-grace-seconds", "2");
        return s;
    }

    /** Puts nginx with the shipped config in front of every node. */
    public Topology withNginx() {
        nginx = NginxProcess.start(dir.resolve("nginx"), nodes);
        return this;
    }

    NodeProcess node(int oneBased) {
        return nodes.get(oneBased - 1);
    }

    /** A REST client of one node, bypassing any proxy. */
    ApiClient api(int oneBased) {
        return new ApiClient(node(oneBased).baseUrl());
    }

    List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    RedisProcess redis() {
        return redis;
    }

    /** The proxy between the nodes and PostgreSQL, when started with one. */
    TcpProxy databaseProxy() {
        return databaseProxy;
    }

    RedisProcess replica() {
        return replica;
    }

    RedisProcess sentinel() {
        return sentinel;
    }

    NginxProcess nginx() {
        return nginx;
    }

    /** The public address of the deployment: nginx's, once it runs. */
    public String publicUrl() {
        return nginx.baseUrl();
    }

    /** Every process's last log lines, for a failure message. */
    public String logs() {
        StringBuilder b = new StringBuilder();
        for (NodeProcess n : nodes) b.append(n.log()).append("\n");
        if (nginx != null) b.append(nginx.log());
        if (sentinel != null) b.append(sentinel.log()).append("\n").append(replica.log());
        return b.toString();
    }

    @Override
    public void close() {
        if (nginx != null) nginx.close();
        for (NodeProcess n : nodes) n.close();
        if (sentinel != null) sentinel.close();
        if (replica != null) replica.close();
        redis.close();
        if (databaseProxy != null) databaseProxy.close();
        database.close();
    }
}
