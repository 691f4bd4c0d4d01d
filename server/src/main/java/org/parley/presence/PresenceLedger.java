package org.parley.presence;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where each node's view of a user's presence is kept, and from which the cluster's view is read: a
 * user is online if any live node says online, away if every live node that has them says away,
 * offline if none has them. A single node keeps it in memory ({@link LocalPresenceLedger}); a
 * cluster keeps it in Redis with a lease per node ({@link RedisPresenceLedger}).
 */
public interface PresenceLedger extends AutoCloseable {

    /** The ledger of a single node, in memory. */
    static PresenceLedger inMemory() {
        return new LocalPresenceLedger();
    }

    /**
     * The ledger of a cluster, in Redis at {@code redisUrl} under {@code keyPrefix}, for the node
     * {@code nodeId} whose lease lasts {@code nodeTimeout} without renewal. Connects at once.
     */
    static PresenceLedger inRedis(String redisUrl, String keyPrefix, String nodeId, Duration nodeTimeout) {
        return new RedisPresenceLedger(redisUrl, keyPrefix, nodeId, nodeTimeout);
    }

    /**
     * Records this node's status for the user ({@code online}, {@code away}; {@code offline} when the
     * node has no connection of theirs left) and returns the cluster status before and after.
     */
    Change put(long userId, String nodeStatus);

    /** The cluster status of each of {@code userIds}. */
    Map<Long, String> statusesOf(Collection<Long> userIds);

    /**
     * Registers the listener of changes that no connection of this node caused: the users of a node
     * that went away, and this node's own users written again after its lease was lost.
     */
    void onChange(Consumer<Change> listener);

    @Override
    void close();

    /** A user's cluster status before and after one write. */
    public record Change(long userId, String before, String after) {
        boolean changed() {
            return !before.equals(after);
        }
    }
}
