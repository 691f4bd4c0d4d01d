package org.parley.socketio;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds, failing after a generous deadline. */
public final class Waits {

    private Waits() {}

    public static void until(Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("condition not met within " + timeout, last);
    }
}
