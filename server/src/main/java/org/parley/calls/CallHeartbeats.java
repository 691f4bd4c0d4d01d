package org.parley.calls;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps call state honest when sockets and nodes go away. Every tick this node vouches for the
 * participants whose sockets it holds (their {@code heartbeat_at} becomes now), then sweeps: a
 * participant nobody vouched for within the rejoin grace is dropped (the call ends when it is
 * empty), and a call ringing for longer than the ring timeout ends as missed. Any node may sweep,
 * as often as it likes: each drop and each end is a conditional change under the call's lock,
 * done and announced by one node only.
 */
final class CallHeartbeats implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallHeartbeats.class);

    private final Database db;
    private final CallStore store;
    private final CallLifecycle lifecycle;
    private final EventBus bus;
    private final Clock clock;
    private final CallSettings settings;
    private final Set<String> localDevices = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-calls").daemon(true).factory());

    CallHeartbeats(Database db, CallStore store, CallLifecycle lifecycle, EventBus bus, Clock clock,
                   CallSettings settings) {
        this.db = db;
        this.store = store;
        this.lifecycle = lifecycle;
        this.bus = bus;
        this.clock = clock;
        this.settings = settings;
        long tick = settings.tick().toMillis();
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** A socket of this node is in a call: vouch for it from now on. */
    void local(String deviceId) {
        localDevices.add(deviceId);
    }

    /** A socket of this node disconnected: stop vouching; it has the grace to come back. */
    void gone(String deviceId) {
        localDevices.remove(deviceId);
    }

    private void tick() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Call sweep failed; trying again next tick", e);
        }
    }

    /** Vouches for this node's devices, then drops stale participants and ends calls that rang out. */
    void sweep() {
        long now = clock.millis();
        if (!localDevices.isEmpty()) db.withHandle(h -> {
            store.renew(h, localDevices, now);
            return null;
        });
        long staleBefore = now - settings.rejoinGrace().toMillis();
        for (CallStore.Stale s : db.withHandle(h -> store.stale(h, staleBefore))) {
            inTransaction(s.callId(), (h, events) -> {
                if (store.removeStale(h, s.callId(), s.userId(), staleBefore)) {
                    lifecycle.afterRemoval(h, s.callId(), now, events);
                }
            });
        }
        long rangOutBefore = now - settings.ringTimeout().toMillis();
        for (String callId : db.withHandle(h -> store.ringingSince(h, rangOutBefore))) {
            inTransaction(callId, (h, events) -> lifecycle.locked(h, callId)
                    .filter(c -> Call.RINGING.equals(c.state()) && c.createdAt() < rangOutBefore)
                    .ifPresent(c -> lifecycle.end(h, c, Call.MISSED, null, now, events)));
        }
    }

    private void inTransaction(String callId, Step step) {
        List<BusEvent> events = new ArrayList<>();
        db.inTransaction(h -> {
            if (store.lock(h, callId)) step.run(h, events);
            return null;
        });
        events.forEach(bus::publish);
    }

    private interface Step {
        void run(org.jdbi.v3.core.Handle h, List<BusEvent> events);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
