package org.parley.gateway;

import java.util.function.LongConsumer;
import org.parley.bus.EventBus;
import org.parley.bus.Topic;
import org.parley.socketio.RoomListener;

/**
 * Tells the bus which topics this node has sockets in: a Socket.IO room named by a topic key that
 * gets its first socket adds an interest in the topic, and losing its last socket drops it, so a
 * cluster carries a room's events only to the nodes that have its sockets. Only room and user
 * topics count: rooms that name no topic (each socket's own) are none of the bus's business, and
 * presence travels to every node anyway ({@code BusEvent.PresenceChanged} lists its audience).
 */
final class BusInterest implements RoomListener {
    private final EventBus bus;
    private final LongConsumer roomCarried;
    private final LongConsumer roomGone;

    /**
     * {@code roomCarried} is told the id of a chat room that got its first socket here, {@code
     * roomGone} of one that lost its last socket here.
     */
    BusInterest(EventBus bus, LongConsumer roomCarried, LongConsumer roomGone) {
        this.bus = bus;
        this.roomCarried = roomCarried;
        this.roomGone = roomGone;
    }

    @Override
    public void roomCreated(String room) {
        Topic.parse(room).filter(BusInterest::routed).ifPresent(topic -> {
            if (topic.kind() == Topic.Kind.ROOM) roomCarried.accept(topic.id());
            bus.addInterest(topic);
        });
    }

    @Override
    public void roomDeleted(String room) {
        Topic.parse(room).filter(BusInterest::routed).ifPresent(topic -> {
            bus.dropInterest(topic);
            if (topic.kind() == Topic.Kind.ROOM) roomGone.accept(topic.id());
        });
    }

    private static boolean routed(Topic topic) {
        return topic.kind() == Topic.Kind.ROOM || topic.kind() == Topic.Kind.USER;
    }
}
