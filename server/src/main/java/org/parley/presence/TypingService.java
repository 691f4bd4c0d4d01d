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
import org.parley.rooms.RoomAccess;
import org.parley.storage.Database;

/**
 * Typing indicators: members only, at most one start per second per room, and a start that is
 * not renewed expires by itself after {@code expiry}, as if the user had said they stopped.
 */
public final class TypingService implements AutoCloseable {
    private final Database db;
    private final RoomAccess access;
    private final EventBus bus;
    private final Duration expiry;
    private final RateLimiter limit;
    private final Map<String, ScheduledFuture<?>> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-typing").daemon(true).factory());

    public TypingService(Database db, RoomAccess access, EventBus bus, Clock clock, Duration expiry) {
        this.db = db;
        this.access = access;
        this.bus = bus;
        this.expiry = expiry;
        this.limit = new RateLimiter(1, 1, Duration.ofSeconds(1), clock);
    }

    public void started(Principal user, long roomId) {
        db.withHandle(h -> access.requireMember(h, roomId, user.userId()));
        String key = roomId + ":" + user.userId();
        limit.acquire(key).ifPresent(wait -> {
            throw ParleyException.rateLimited("Typing is sent at most once a second per room.", wait);
        });
        ScheduledFuture<?> timer = timers.schedule(() -> expire(user, roomId, key), expiry.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = active.put(key, timer);
        if (previous != null) previous.cancel(false);
        bus.publish(new BusEvent.TypingChanged(roomId, user.userId(), user.username(), true));
    }

    public void stopped(Principal user, long roomId) {
        db.withHandle(h -> access.requireMember(h, roomId, user.userId()));
        ScheduledFuture<?> timer = active.remove(roomId + ":" + user.userId());
        if (timer == null) return;
        timer.cancel(false);
        bus.publish(new BusEvent.TypingChanged(roomId, user.userId(), user.username(), false));
    }

    private void expire(Principal user, long roomId, String key) {
        ScheduledFuture<?> timer = active.get(key);
        if (timer == null || !timer.isDone() && timer.getDelay(TimeUnit.MILLISECONDS) > 0) return;
        if (active.remove(key, timer)) {
            bus.publish(new BusEvent.TypingChanged(roomId, user.userId(), user.username(), false));
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
