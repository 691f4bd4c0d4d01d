package org.parley.socketio.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** What scheduling returns once the server is stopped: a task that will never run. */
public final class CancelledSchedule implements ScheduledFuture<Object> {

    public static final CancelledSchedule INSTANCE = new CancelledSchedule();

    private CancelledSchedule() {}

    @Override
    public long getDelay(TimeUnit unit) {
        return 0;
    }

    @Override
    public int compareTo(Delayed other) {
        return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isCancelled() {
        return true;
    }

    @Override
    public boolean isDone() {
        return true;
    }

    @Override
    public Object get() {
        throw new CancellationException("the server is stopped");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
        throw new CancellationException("the server is stopped");
    }
}
