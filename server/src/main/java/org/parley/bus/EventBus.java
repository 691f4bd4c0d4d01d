package org.parley.bus;

import java.util.function.Consumer;

/**
 * Carries events from the service that committed a change to every node's sockets. It is a
 * wake-up, not the record: the database holds the truth, and a client that missed an event
 * catches up from it.
 */
public interface EventBus extends AutoCloseable {

    /** Sends the event to every subscriber on every node, this one included. Call after commit. */
    void publish(BusEvent event);

    /** Registers a subscriber for events from every node. */
    void subscribe(Consumer<BusEvent> subscriber);

    @Override
    void close();
}
