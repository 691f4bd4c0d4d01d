package org.parley.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bus of a single node: delivers each event to the local subscribers, in publish order. */
public final class LocalBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(LocalBus.class);
    private final List<Consumer<BusEvent>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(BusEvent event) {
        deliver(subscribers, event);
    }

    @Override
    public void subscribe(Consumer<BusEvent> subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void close() {
        subscribers.clear();
    }

    static void deliver(List<Consumer<BusEvent>> subscribers, BusEvent event) {
        for (Consumer<BusEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                log.error("A bus subscriber failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
