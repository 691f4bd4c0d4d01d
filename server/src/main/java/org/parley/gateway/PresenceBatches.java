package org.parley.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.parley.bus.BusEvent;
import org.parley.bus.Topic;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoSocket;

/**
 * Presence changes on their way to this node's sockets, gathered per connection: the first change
 * for a socket opens a window, and when it closes the socket gets one {@code presence_batch} with
 * the latest state of each person that changed in it. A change reaches the sockets of the users it
 * is pushed to and the sockets watching the person (the Socket.IO room {@code presence:<id>}), each
 * once, so its cost is the number of connections that need to know.
 */
final class PresenceBatches {
    private final Namespace ns;
    private final Map<SocketIoSocket, Map<Long, Map<String, Object>>> pending = new ConcurrentHashMap<>();
    /** Runs a flush when its window ends; emitting only queues frames, so the shared pool suffices. */
    private final Executor afterWindow;

    PresenceBatches(Namespace ns, Duration window) {
        this.ns = ns;
        this.afterWindow = CompletableFuture.delayedExecutor(window.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues the change for every socket on this node that should hear it. */
    void add(BusEvent.PresenceChanged e) {
        Set<SocketIoSocket> recipients = new LinkedHashSet<>(ns.socketsIn(Topic.presence(e.userId()).key()));
        for (long userId : e.audience()) recipients.addAll(ns.socketsIn(Topic.user(userId).key()));
        if (recipients.isEmpty()) return;
        var state = new LinkedHashMap<String, Object>();
        state.put("userId", e.userId());
        state.put("status", e.status());
        state.put("lastSeenAt", e.lastSeenAt());
        for (SocketIoSocket socket : recipients) queue(socket, e.userId(), state);
    }

    private void queue(SocketIoSocket socket, long userId, Map<String, Object> state) {
        boolean[] opened = {false};
        pending.compute(socket, (s, batch) -> {
            if (batch == null) {
                batch = new LinkedHashMap<>();
                opened[0] = true;
            }
            batch.remove(userId);
            batch.put(userId, state);
            return batch;
        });
        if (opened[0]) afterWindow.execute(() -> flush(socket));
    }

    private void flush(SocketIoSocket socket) {
        Map<Long, Map<String, Object>> batch = pending.remove(socket);
        if (batch == null) return;
        List<Map<String, Object>> users = new ArrayList<>(batch.values());
        if (socket.connected()) socket.emit(ServerEvent.PRESENCE_BATCH.wire(), Map.of("users", users));
    }
}
