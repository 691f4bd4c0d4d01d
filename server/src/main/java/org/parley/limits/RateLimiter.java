package org.parley.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token bucket per key: up to {@code burst} actions at once, refilled at {@code perPeriod}
 * actions every {@code period}. In memory, per node. Full buckets are dropped now and then, so
 * memory follows the number of recently active keys.
 */
public final class RateLimiter {
    private static final int SWEEP_EVERY = 4096;

    private final int burst;
    private final double tokensPerMilli;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    public RateLimiter(int burst, int perPeriod, Duration period, Clock clock) {
        if (burst < 1 || perPeriod < 1) throw new IllegalArgumentException("burst and rate must be positive");
        this.burst = burst;
        this.tokensPerMilli = perPeriod / (double) period.toMillis();
        this.clock = clock;
    }

    /** Takes one token; empty when allowed, otherwise how long until one is available. Nothing is taken then. */
    public Optional<Duration> acquire(String key) {
        return take(key, true);
    }

    /** Like {@link #acquire} but takes nothing: would an action be allowed now? */
    public Optional<Duration> check(String key) {
        return take(key, false);
    }

    /** Forgets the key, giving it a full bucket again. */
    public void reset(String key) {
        buckets.remove(key);
    }

    private Optional<Duration> take(String key, boolean consume) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) sweep();
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, burst, tokensPerMilli);
            if (bucket.tokens >= 1) {
                if (consume) bucket.tokens -= 1;
                return Optional.empty();
            }
            long waitMillis = (long) Math.ceil((1 - bucket.tokens) / tokensPerMilli);
            return Optional.of(Duration.ofMillis(Math.max(1, waitMillis)));
        }
    }

    private void sweep() {
        long now = clock.millis();
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                b.refill(now, burst, tokensPerMilli);
                return b.tokens >= burst;
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        void refill(long now, int burst, double tokensPerMilli) {
            if (now > updatedAt) {
                tokens = Math.min(burst, tokens + (now - updatedAt) * tokensPerMilli);
                updatedAt = now;
            }
        }
    }
}
