package org.parley.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the subscribers on lanes of their own, so that a publisher (the message writer,
 * Redis' I/O thread) never waits for the fan-out to sockets. Each lane is one thread; an event goes
 * to the lane its {@linkplain #laneOf channel} hashes to, so the events of one topic (one room, one
 * user) reach the subscribers one at a time and in the order they were handed in, while different
 * topics are delivered in parallel. The events every node hears ({@link BusEvent#everyNode()}) share
 * one channel, and so one lane, among themselves. Events of different channels share no order here,
 * as on Redis.
 *
 * <p>An event may be handed in still encoded ({@link #deliver(String, Supplier)}): it is decoded on
 * its lane, not on the caller's thread.
 */
final class OrderedDelivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OrderedDelivery.class);
    /** The lane key of the events every node hears. */
    static final String EVERY_NODE = "cluster";

    private final List<Consumer<BusEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService[] lanes;

    /** One lane per available processor, at least two. */
    OrderedDelivery() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    OrderedDelivery(int laneCount) {
        lanes = new ExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name("parley-bus-delivery-" + i).daemon(true).factory());
        }
    }

    /** The channel an event travels on, and so its lane: its topic's key, or {@link #EVERY_NODE}. */
    static String laneOf(BusEvent event) {
        return event.everyNode() ? EVERY_NODE : event.topic().key();
    }

    int laneCount() {
        return lanes.length;
    }

    void subscribe(Consumer<BusEvent> subscriber) {
        subscribers.add(subscriber);
    }

    void deliver(BusEvent event) {
        deliver(laneOf(event), () -> event);
    }

    /**
     * Delivers the event {@code event} yields on the lane of {@code channel}; {@code event} runs
     * there and may return null (nothing to deliver: unreadable, or this node's own).
     */
    void deliver(String channel, Supplier<BusEvent> event) {
        ExecutorService lane = lanes[Math.floorMod(channel.hashCode(), lanes.length)];
        try {
            lane.execute(() -> {
                BusEvent e = event.get();
                if (e == null) return;
                for (Consumer<BusEvent> s : subscribers) {
                    try {
                        s.accept(e);
                    } catch (RuntimeException ex) {
                        log.error("A bus subscriber failed on {}", e.getClass().getSimpleName(), ex);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Bus closed; dropped an event of {}", channel);
        }
    }

    /** Delivers what is already handed in (up to two seconds in all), then stops. */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) lane.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscribers.clear();
    }
}
