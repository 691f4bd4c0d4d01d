package org.parley.bus;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Carries events from the service that committed a change to every node's sockets. It is a
 * wake-up, not the record: the database holds the truth, and a client that missed an event
 * catches up from it.
 *
 * <p>A node hears the events of the topics it declared an interest in (it has sockets in them),
 * the events published on it, and the few that every node needs ({@link BusEvent#everyNode()}).
 */
public interface EventBus extends AutoCloseable {

    /**
     * Delivers the event to this node's subscribers at once, and to the other nodes that have an
     * interest in its topic (or to every node, for {@link BusEvent#everyNode()}). Call after commit.
     */
    void publish(BusEvent event);

    /** Registers a subscriber for the events this node hears. */
    void subscribe(Consumer<BusEvent> subscriber);

    /**
     * This node has one more holder of an interest in {@code topic} (a Socket.IO room of that key
     * got its first socket). Interests are counted; the topic is carried to this node while its
     * count is above zero. Never blocks.
     */
    default void addInterest(Topic topic) {}

    /** One holder of an interest in {@code topic} let go of it. Never blocks. */
    default void dropInterest(Topic topic) {}

    /**
     * Completes once every interest added before the call is carried, so that an event published
     * from then on reaches this node; at once on a bus of one node. It may never complete while the
     * bus is cut off: wait on it with a timeout.
     */
    default CompletableFuture<Void> interestCarried() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Registers a listener told, after an interruption of the bus ends, of the topics whose events
     * this node may have missed meanwhile. A bus of one node is never interrupted.
     */
    default void onMissed(Consumer<Set<Topic>> listener) {}

    @Override
    void close();
}
