package org.parley.socketio;

import io.socket.client.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects what a Java Socket.IO client receives, per event name. */
public final class Inbox {

    private final ConcurrentHashMap<String, BlockingQueue<Object[]>> events = new ConcurrentHashMap<>();

    public Inbox listen(Socket socket, String... names) {
        for (String name : names) {
            socket.on(name, args -> queue(name).add(args));
        }
        return this;
    }

    private BlockingQueue<Object[]> queue(String name) {
        return events.computeIfAbsent(name, n -> new LinkedBlockingQueue<>());
    }

    /** The arguments of the next {@code name} event; fails after {@code timeout}. */
    public Object[] next(String name, Duration timeout) throws InterruptedException {
        Object[] args = queue(name).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (args == null) {
            throw new AssertionError("no '" + name + "' event within " + timeout);
        }
        return args;
    }

    public int count(String name) {
        return queue(name).size();
    }
}
