package org.parley.socketio.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts, per client, the sessions that are open but not yet admitted by the layer above (at
 * Socket.IO, a session is admitted when it joins its first namespace, which is where the embedding
 * application authenticates). A client at its limit gets no new session until one of its pending
 * ones is admitted or closes; admitted sessions do not count. This bounds what one address can hold
 * open without ever signing in, however many sessions the signed-in users of that address keep.
 */
final class PendingSessions {

    private final int maxPerClient;
    private final ClientKey clientKey;
    private final ConcurrentHashMap<String, Integer> pending = new ConcurrentHashMap<>();

    PendingSessions(int maxPerClient, ClientKey clientKey) {
        this.maxPerClient = maxPerClient;
        this.clientKey = clientKey;
    }

    /** Whether the request's client may open one more session now (a check, nothing is taken). */
    boolean hasRoom(EngineRequest request) {
        return pending.getOrDefault(clientKey.of(request), 0) < maxPerClient;
    }

    /** Takes a place for the request's client; {@code null} when the client is at its limit. */
    Slot take(EngineRequest request) {
        String key = clientKey.of(request);
        boolean[] taken = {false};
        pending.compute(key, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerClient) return n;
            taken[0] = true;
            return count + 1;
        });
        return taken[0] ? new Slot(key) : null;
    }

    int pendingOf(String key) {
        return pending.getOrDefault(key, 0);
    }

    /** One pending session's place; released once, when it is admitted or closes. */
    final class Slot {
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String key) {
            this.key = key;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                pending.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
