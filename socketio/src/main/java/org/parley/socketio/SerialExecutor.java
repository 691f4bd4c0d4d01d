package org.parley.socketio;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's tasks in order, on a virtual thread, so handlers may block (database,
 * services) without holding up transport threads or other connections. Bounded: a connection
 * that floods faster than its handlers run is refused.
 */
final class SerialExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(4);
    private final int limit;
    private boolean running;

    SerialExecutor(int limit) {
        this.limit = limit;
    }

    /** Queues a task; false when the queue is full. */
    boolean execute(Runnable task) {
        return enqueue(task, false);
    }

    /** Queues a task regardless of the bound (cleanup that must run). */
    void executeAlways(Runnable task) {
        enqueue(task, true);
    }

    private boolean enqueue(Runnable task, boolean force) {
        lock.lock();
        try {
            if (!force && tasks.size() >= limit) {
                return false;
            }
            tasks.add(task);
            if (running) {
                return true;
            }
            running = true;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("socketio-handler").start(this::drain);
        return true;
    }

    private void drain() {
        boolean emptied = false;
        try {
            while (true) {
                Runnable task;
                lock.lock();
                try {
                    task = tasks.poll();
                    if (task == null) {
                        running = false;
                        emptied = true;
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("socket handler failed", e);
                }
            }
        } finally {
            if (!emptied) {
                // even logging failed: let the next task start a new drain rather than wedge the connection
                lock.lock();
                try {
                    running = false;
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
