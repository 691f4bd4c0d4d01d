package org.parley.socketio.engine;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scheduling on a gateway timer: a failing task is logged, never kills the timer thread. */
public final class Timers {

    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

    private Timers() {}

    /**
     * A single daemon thread for a gateway's timers. A cancelled task leaves its queue at once (a
     * heartbeat cancels a deadline for every pong; kept until due, those would be most of the
     * queue and a share of every idle connection's memory).
     */
    public static ScheduledExecutorService newTimer(String threadName) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name(threadName).daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code task} after {@code delay}; once the timer is shut down, returns a task that never runs. */
    public static ScheduledFuture<?> schedule(ScheduledExecutorService timer, Runnable task, Duration delay) {
        try {
            return timer.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("timer task failed", e);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CancelledSchedule.INSTANCE;
        }
    }
}
