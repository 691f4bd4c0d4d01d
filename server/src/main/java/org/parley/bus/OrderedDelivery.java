package org.parley.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the subscribers on one thread of its own, in the order they were handed in,
 * so a publisher (the message writer, Redis' I/O thread) never waits for the fan-out to sockets.
 */
final class OrderedDelivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OrderedDelivery.class);

    private final List<Consumer<BusEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parley-bus-delivery").daemon(true).factory());

    void subscribe(Consumer<BusEvent> subscriber) {
        subscribers.add(subscriber);
    }

    void deliver(BusEvent event) {
        try {
            thread.execute(() -> {
                for (Consumer<BusEvent> s : subscribers) {
                    try {
                        s.accept(event);
                    } catch (RuntimeException e) {
                        log.error("A bus subscriber failed on {}", event.getClass().getSimpleName(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Bus closed; dropped {}", event.getClass().getSimpleName());
        }
    }

    /** Delivers what is already handed in (up to two seconds), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscribers.clear();
    }
}
