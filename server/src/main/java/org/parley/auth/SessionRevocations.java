package org.parley.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.storage.Database;

/**
 * Whether a sign-in session (a refresh-token family, the {@code sid} of its access tokens) is
 * still live, as every node sees it. The database is the record: a session is live while one of
 * its refresh tokens is unrevoked. A small in-process cache keeps verification cheap: a "live"
 * answer is trusted for at most {@code liveFor}, a "revoked" one for as long as any access token
 * of the session could still be unexpired. Revocations made on this node are recorded at once;
 * those of other nodes arrive as {@link BusEvent.SessionRevoked} and are recorded on delivery, so
 * a node that missed the bus event still cuts the session off within {@code liveFor}.
 */
public final class SessionRevocations {
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(boolean live, long until) {}

    private final Database db;
    private final RefreshTokenStore store = new RefreshTokenStore();
    private final Clock clock;
    private final Duration liveFor;
    private final Duration revokedFor;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /** {@code revokedFor} is at least the access tokens' lifetime (plus clock skew). */
    public SessionRevocations(Database db, Clock clock, Duration liveFor, Duration revokedFor) {
        this.db = db;
        this.clock = clock;
        this.liveFor = liveFor;
        this.revokedFor = revokedFor;
    }

    /** Records revocations published by any node. */
    public void listenTo(EventBus bus) {
        bus.subscribe(event -> {
            if (event instanceof BusEvent.SessionRevoked revoked) revoked(revoked.sessionId());
        });
    }

    /** True while the session has an unrevoked refresh token; unknown sessions are not live. */
    public boolean isLive(String sessionId) {
        long now = clock.millis();
        Entry cached = cache.get(sessionId);
        if (cached != null && cached.until() > now) return cached.live();
        boolean live = db.withHandle(h -> store.isFamilyLive(h, sessionId));
        if (cache.size() >= MAX_ENTRIES) prune(now);
        // a revocation recorded while the database was read wins over the answer read
        cache.compute(sessionId, (id, current) -> current != null && !current.live() && current.until() > now
                ? current
                : new Entry(live, now + (live ? liveFor : revokedFor).toMillis()));
        return live;
    }

    /** Marks the session ended on this node, from now on. */
    public void revoked(String sessionId) {
        cache.put(sessionId, new Entry(false, clock.millis() + revokedFor.toMillis()));
    }

    private void prune(long now) {
        cache.values().removeIf(entry -> entry.until() <= now);
        if (cache.size() >= MAX_ENTRIES) cache.values().removeIf(Entry::live);
    }
}
