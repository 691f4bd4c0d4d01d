package org.parley.push;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.bus.Topic;

/**
 * The bus as a publishing service sees it, with a listener told of each event this node publishes
 * (after the bus has it). A subscriber hears every node's events that reach this one; the tap hears
 * only this node's, so work that must happen once per event, such as a push, is done once.
 */
public final class PublishTap implements EventBus {
    private final EventBus bus;
    private final Consumer<BusEvent> tap;

    public PublishTap(EventBus bus, Consumer<BusEvent> tap) {
        this.bus = bus;
        this.tap = tap;
    }

    @Override
    public void publish(BusEvent event) {
        bus.publish(event);
        tap.accept(event);
    }

    @Override
    public void subscribe(Consumer<BusEvent> subscriber) {
        bus.subscribe(subscriber);
    }

    @Override
    public void addInterest(Topic topic) {
        bus.addInterest(topic);
    }

    @Override
    public void dropInterest(Topic topic) {
        bus.dropInterest(topic);
    }

    @Override
    public CompletableFuture<Void> interestCarried() {
        return bus.interestCarried();
    }

    @Override
    public void onMissed(Consumer<Set<Topic>> listener) {
        bus.onMissed(listener);
    }

    @Override
    public void close() {
        // the bus belongs to whoever built it
    }
}
