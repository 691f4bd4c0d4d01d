package org.parley.presence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The ledger of a single node: its own view is the cluster's. Nothing changes behind its back. */
final class LocalPresenceLedger implements PresenceLedger {
    private final Map<Long, String> statuses = new ConcurrentHashMap<>();

    @Override
    public Change put(long userId, String nodeStatus) {
        String before = PresenceStatus.OFFLINE.equals(nodeStatus)
                ? statuses.remove(userId) : statuses.put(userId, nodeStatus);
        return new Change(userId, before == null ? PresenceStatus.OFFLINE : before, nodeStatus);
    }

    @Override
    public Map<Long, String> statusesOf(Collection<Long> userIds) {
        Map<Long, String> out = new HashMap<>();
        for (long id : userIds) out.put(id, statuses.getOrDefault(id, PresenceStatus.OFFLINE));
        return out;
    }

    @Override
    public void onChange(Consumer<Change> listener) {}

    @Override
    public void close() {}
}
