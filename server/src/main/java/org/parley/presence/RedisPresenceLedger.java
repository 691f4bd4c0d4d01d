package org.parley.presence;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence ledger of a cluster, in Redis. Keys, under the prefix ({@code parley:} by default):
 *
 * <ul>
 *   <li>{@code node:<nodeId>}: the node's lease, renewed every quarter of the node timeout and
 *       expiring after it. A node without a lease is gone, whatever its entries say.</li>
 *   <li>{@code presence:<userId>}: a hash, node id to {@code online} or {@code away}, one field per
 *       node that has connections of the user.</li>
 *   <li>{@code node:<nodeId>:users}: the users that node has entries for, so its entries can be
 *       removed when it is gone.</li>
 *   <li>{@code nodes}: the ids of the nodes that may have entries.</li>
 * </ul>
 *
 * <p>Every write runs as one script that reads the cluster status before and after it, so of two
 * nodes writing at once exactly one sees a change. On every renewal a node also looks for nodes in
 * {@code nodes} whose lease is gone and removes their entries, telling its listeners of the users
 * whose cluster status that changed; several nodes may do it at once, and only the one whose
 * removal found the entry reports it. A node whose own lease was found gone (Redis restarted, or
 * the node was cut off longer than the timeout and swept) writes all its entries again.
 */
final class RedisPresenceLedger implements PresenceLedger {
    private static final Logger log = LoggerFactory.getLogger(RedisPresenceLedger.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /** Cluster status of hash {@code key}: fields of nodes with a lease count, and {@code live} counts without one. */
    private static final String STATUS_FUNCTION = """
            local function status(key, leasePrefix, live)
              local fields = redis.call('HGETALL', key)
              local seen = 'offline'
              for i = 1, #fields, 2 do
                local node = fields[i]
                if node == live or redis.call('EXISTS', leasePrefix .. node) == 1 then
                  if fields[i + 1] == 'online' then return 'online' end
                  seen = 'away'
                end
              end
              return seen
            end
            """;

    /**
     * KEYS: the user's hash, the node's user set. ARGV: lease prefix, node id, status ('' removes),
     * user id. Returns the cluster status before and after, the node itself counted as live.
     */
    private static final String PUT = STATUS_FUNCTION + """
            local before = status(KEYS[1], ARGV[1], ARGV[2])
            if ARGV[3] == '' then
              redis.call('HDEL', KEYS[1], ARGV[2])
              redis.call('SREM', KEYS[2], ARGV[4])
            else
              redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
              redis.call('SADD', KEYS[2], ARGV[4])
            end
            return {before, status(KEYS[1], ARGV[1], ARGV[2])}
            """;

    /** KEYS: users' hashes. ARGV: lease prefix, this node's id. The cluster status of each. */
    private static final String STATUSES = STATUS_FUNCTION + """
            local out = {}
            for i = 1, #KEYS do out[i] = status(KEYS[i], ARGV[1], ARGV[2]) end
            return out
            """;

    private final String prefix;
    private final String nodeId;
    private final Duration timeout;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    /** What this node has written, so it can write it again after losing its lease. */
    private final Map<Long, String> mine = new ConcurrentHashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-presence-lease").daemon(true).factory());
    /** Set when a write failed, so the next renewal writes everything again. */
    private volatile boolean stale;
    private volatile boolean closed;

    RedisPresenceLedger(String redisUrl, String keyPrefix, String nodeId, Duration nodeTimeout) {
        this.prefix = keyPrefix;
        this.nodeId = nodeId;
        this.timeout = nodeTimeout;
        this.client = RedisClient.create();
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setClientName("parley-" + nodeId + "-presence");
        uri.setTimeout(COMMAND_TIMEOUT);
        this.connection = client.connect(StringCodec.UTF8, uri);
        RedisCommands<String, String> redis = connection.sync();
        redis.set(leaseKey(nodeId), String.valueOf(System.currentTimeMillis()), SetArgs.Builder.px(timeout.toMillis()));
        redis.sadd(nodesKey(), nodeId);
        long every = Math.max(1, timeout.toMillis() / 4);
        leases.scheduleWithFixedDelay(this::renewAndSweep, every, every, TimeUnit.MILLISECONDS);
        log.info("Presence: node lease {} renewed every {} ms, gone after {} ms", leaseKey(nodeId), every,
                timeout.toMillis());
    }

    private String leaseKey(String node) {
        return prefix + "node:" + node;
    }

    private String leasePrefix() {
        return prefix + "node:";
    }

    private String usersKey(String node) {
        return prefix + "node:" + node + ":users";
    }

    private String nodesKey() {
        return prefix + "nodes";
    }

    private String presenceKey(long userId) {
        return prefix + "presence:" + userId;
    }

    @Override
    public Change put(long userId, String nodeStatus) {
        boolean offline = PresenceStatus.OFFLINE.equals(nodeStatus);
        if (offline) mine.remove(userId);
        else mine.put(userId, nodeStatus);
        try {
            return write(nodeId, userId, offline ? "" : nodeStatus);
        } catch (RuntimeException e) {
            stale = true;
            log.warn("Presence: could not record user {} in Redis ({}); will write again", userId, e.toString());
            return new Change(userId, nodeStatus, nodeStatus);
        }
    }

    private Change write(String node, long userId, String status) {
        List<Object> out = connection.sync().eval(PUT, ScriptOutputType.MULTI,
                new String[] {presenceKey(userId), usersKey(node)}, leasePrefix(), node, status, String.valueOf(userId));
        return new Change(userId, String.valueOf(out.get(0)), String.valueOf(out.get(1)));
    }

    @Override
    public Map<Long, String> statusesOf(Collection<Long> userIds) {
        List<Long> ids = List.copyOf(Set.copyOf(userIds));
        Map<Long, String> result = new HashMap<>();
        if (ids.isEmpty()) return result;
        try {
            String[] keys = ids.stream().map(this::presenceKey).toArray(String[]::new);
            List<Object> out = connection.sync().eval(STATUSES, ScriptOutputType.MULTI, keys, leasePrefix(), nodeId);
            for (int i = 0; i < ids.size(); i++) result.put(ids.get(i), String.valueOf(out.get(i)));
        } catch (RuntimeException e) {
            // Redis unreachable: this node's own view is the best there is
            log.warn("Presence: could not read statuses from Redis ({}); answering this node's own", e.toString());
            for (long id : ids) result.put(id, mine.getOrDefault(id, PresenceStatus.OFFLINE));
        }
        return result;
    }

    @Override
    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    private void renewAndSweep() {
        if (closed) return;
        try {
            RedisCommands<String, String> redis = connection.sync();
            boolean kept = redis.pexpire(leaseKey(nodeId), timeout.toMillis());
            if (!kept) {
                redis.set(leaseKey(nodeId), String.valueOf(System.currentTimeMillis()),
                        SetArgs.Builder.px(timeout.toMillis()));
                log.warn("Presence: this node's lease had lapsed; writing its users again");
            }
            redis.sadd(nodesKey(), nodeId);
            if (!kept || stale) {
                stale = false;
                writeAllAgain();
            }
            for (String node : redis.smembers(nodesKey())) {
                if (!node.equals(nodeId) && redis.exists(leaseKey(node)) == 0) sweep(node);
            }
        } catch (RuntimeException e) {
            if (!closed) log.warn("Presence: could not renew this node's lease ({})", e.toString());
        }
    }

    /** Writes this node's entries again, and removes those Redis holds for it that it no longer has. */
    private void writeAllAgain() {
        Set<Long> users = new java.util.HashSet<>(mine.keySet());
        for (String id : connection.sync().smembers(usersKey(nodeId))) users.add(Long.parseLong(id));
        for (long userId : users) {
            String wanted = mine.get(userId);
            tell(write(nodeId, userId, wanted == null ? "" : wanted));
            // a connection changed meanwhile and its own write may have come first: once more next time
            if (!java.util.Objects.equals(mine.get(userId), wanted)) stale = true;
        }
    }

    /** Removes the entries of a node whose lease is gone. */
    private void sweep(String node) {
        RedisCommands<String, String> redis = connection.sync();
        Set<String> users = redis.smembers(usersKey(node));
        log.info("Presence: node {} is gone; removing its {} users' entries", node, users.size());
        for (String id : users) {
            // the gone node counts as live before its entry is removed, so its users' going is seen
            tell(write(node, Long.parseLong(id), ""));
        }
        redis.del(usersKey(node));
        redis.srem(nodesKey(), node);
    }

    private void tell(Change change) {
        if (!change.changed()) return;
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.error("A listener of presence changes failed", e);
            }
        }
    }

    /** Removes this node's entries and lease, telling the listeners of the users who go offline with it. */
    @Override
    public void close() {
        closed = true;
        leases.shutdownNow();
        try {
            leases.awaitTermination(2, TimeUnit.SECONDS);
            for (Long userId : new ArrayList<>(mine.keySet())) tell(write(nodeId, userId, ""));
            mine.clear();
            RedisCommands<String, String> redis = connection.sync();
            redis.del(usersKey(nodeId), leaseKey(nodeId));
            redis.srem(nodesKey(), nodeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Presence: could not remove this node's entries from Redis ({}); they go with its lease",
                    e.toString());
        } finally {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
