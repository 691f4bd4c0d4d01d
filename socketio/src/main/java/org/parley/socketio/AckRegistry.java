package org.parley.socketio;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ArrayNode;

/**
 * Acknowledgements the server waits for from one socket. Results complete on a fresh virtual
 * thread, so a callback may block, and a handler may wait for an ack of its own socket.
 */
final class AckRegistry {

    private record Pending(CompletableFuture<EventArgs> result, ScheduledFuture<?> timeout) {}

    private final SocketIoServer server;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();

    AckRegistry(SocketIoServer server) {
        this.server = server;
    }

    /** Reserves an ack id whose result fails with {@link AckTimeoutException} after {@code timeout}. */
    long register(CompletableFuture<EventArgs> result, Duration timeout) {
        long id = ids.getAndIncrement();
        pending.put(id, new Pending(result, null));
        ScheduledFuture<?> timer = server.schedule(() -> fail(id, "no acknowledgement within " + timeout), timeout);
        pending.computeIfPresent(id, (key, entry) -> new Pending(entry.result(), timer));
        return id;
    }

    /** Completes the ack with this id; false when unknown (never asked, or already timed out). */
    boolean complete(long id, ArrayNode args) {
        Pending entry = pending.remove(id);
        if (entry == null) {
            return false;
        }
        if (entry.timeout() != null) {
            entry.timeout().cancel(false);
        }
        server.runCallback(() -> entry.result().complete(new EventArgs(args)));
        return true;
    }

    void cancel(long id) {
        Pending entry = pending.remove(id);
        if (entry != null && entry.timeout() != null) {
            entry.timeout().cancel(false);
        }
    }

    /** Fails every pending ack (the socket disconnected). */
    void failAll(String why) {
        for (Long id : List.copyOf(pending.keySet())) {
            fail(id, why);
        }
    }

    private void fail(long id, String why) {
        Pending entry = pending.remove(id);
        if (entry == null) {
            return;
        }
        if (entry.timeout() != null) {
            entry.timeout().cancel(false);
        }
        server.runCallback(() -> entry.result().completeExceptionally(new AckTimeoutException(why)));
    }
}
