package org.parley.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.errors.ParleyException;
import org.parley.limits.RateLimiter;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;

/**
 * Typing indicators: members only, at most one start per second per room, and a start that is
 * not renewed expires by itself after {@code expiry}, as if the user had said they stopped.
 */
public final class TypingService implements AutoCloseable {
    private final Database db;
    private final Memberships rooms;
    private final EventBus bus;
    private final Duration expiry;
    private final RateLimiter limit;
    private final Map<String, Pending> active = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-typing").daemon(true).factory());

    public TypingService(Database db, Memberships rooms, EventBus bus, Clock clock, Duration expiry) {
        this.db = db;
        this.rooms = rooms;
        this.bus = bus;
        this.expiry = expiry;
        this.limit = new RateLimiter(1, 1, Duration.ofSeconds(1), clock);
    }

    public void started(Principal user, long roomId) {
        db.withHandle(h -> {
            rooms.requireMembership(h, roomId, user.userId());
            return null;
        });
        String key = roomId + ":" + user.userId();
        limit.acquire(key).ifPresent(wait -> {
            throw ParleyException.rateLimited("Typing is sent at most once a second per room.", wait);
        });
        long id = ids.incrementAndGet();
        ScheduledFuture<?> timer = timers.schedule(() -> expire(user, roomId, key, id), expiry.toMillis(),
                TimeUnit.MILLISECONDS);
        Pending previous = active.put(key, new Pending(id, timer));
        if (previous != null) previous.timer().cancel(false);
        bus.publish(new BusEvent.TypingChanged(roomId, user.userId(), user.username(), true));
    }

    public void stopped(Principal user, long roomId) {
        db.withHandle(h -> {
            rooms.requireMembership(h, roomId, user.userId());
            return null;
        });
        Pending pending = active.remove(roomId + ":" + user.userId());
        if (pending == null) return;
        pending.timer().cancel(false);
        bus.publish(new BusEvent.TypingChanged(roomId, user.userId(), user.username(), false));
    }

    /** Ends the typing started as {@code id}, unless it was renewed or stopped since. */
    private void expire(Principal user, long roomId, String key, long id) {
        Pending current = active.get(key);
        if (current != null && current.id() == id && active.remove(key, current)) {
            bus.publish(new BusEvent.TypingChanged(roomId, user.userId(), user.username(), false));
        }
    }

    private record Pending(long id, ScheduledFuture<?> timer) {}

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
