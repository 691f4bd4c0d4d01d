package org.parley.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's dependencies (the database, the event bus), each probed in the background every
 * {@code interval} on a thread of its own, so that asking whether they are up never waits on
 * them: {@link #states()} answers at once from the last results. A dependency is down when its
 * last probe failed, or when the probe under way has been running longer than {@code timeout}
 * (a server that accepts connections but never answers). A probe that hangs is not started again
 * until it returns.
 */
public final class DependencyChecks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DependencyChecks.class);

    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final long timeoutNanos;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-dependency-checks").daemon(true).factory());

    /** {@code probes}: a name (as shown in {@code /readyz}) and a probe that returns true when that dependency answers. */
    public DependencyChecks(Map<String, BooleanSupplier> probes, Duration interval, Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        probes.forEach((name, probe) -> checks.put(name, new Check(name, probe)));
        CountDownLatch first = new CountDownLatch(checks.size());
        checks.values().forEach(c -> c.start(first::countDown));
        try {
            first.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticker.scheduleWithFixedDelay(() -> checks.values().forEach(c -> c.start(() -> {})),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every dependency by name, {@code true} when it is up; never waits on a probe. */
    public Map<String, Boolean> states() {
        long now = System.nanoTime();
        Map<String, Boolean> out = new LinkedHashMap<>();
        checks.forEach((name, c) -> out.put(name, c.up(now)));
        return out;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private final class Check {
        private final String name;
        private final BooleanSupplier probe;
        private final AtomicBoolean running = new AtomicBoolean();
        private volatile boolean lastResult;
        /** When the probe under way started ({@link System#nanoTime}); meaningful while {@link #running}. */
        private volatile long startedAt;

        Check(String name, BooleanSupplier probe) {
            this.name = name;
            this.probe = probe;
        }

        void start(Runnable done) {
            if (!running.compareAndSet(false, true)) return;
            startedAt = System.nanoTime();
            Thread.ofVirtual().name("parley-check-" + name).start(() -> {
                boolean up;
                try {
                    up = probe.getAsBoolean();
                } catch (RuntimeException e) {
                    up = false;
                }
                if (up != lastResult) log.info("Dependency {} is {}", name, up ? "up" : "down");
                lastResult = up;
                running.set(false);
                done.run();
            });
        }

        boolean up(long now) {
            if (running.get() && now - startedAt > timeoutNanos) return false;
            return lastResult;
        }
    }
}
