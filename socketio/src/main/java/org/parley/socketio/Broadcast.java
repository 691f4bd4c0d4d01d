package org.parley.socketio;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An emit to the sockets of some rooms, minus the sockets of other rooms. Immutable: {@link #to}
 * and {@link #except} return new instances. The packet is encoded once and the same frames are
 * queued on every recipient; a full recipient is disconnected, never waited for.
 */
public final class Broadcast {

    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;

    Broadcast(Namespace namespace, Set<String> rooms, Set<String> except) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
    }

    /** Adds rooms to send to; with no room at all, the broadcast reaches the whole namespace. */
    public Broadcast to(String... more) {
        return new Broadcast(namespace, union(rooms, more), except);
    }

    /** Leaves out the sockets in these rooms (a socket id is also a room). */
    public Broadcast except(String... more) {
        return new Broadcast(namespace, rooms, union(except, more));
    }

    /** Sends the event; returns how many sockets it was queued on. */
    public int emit(String event, Object... args) {
        return namespace.deliver(rooms, except, event, args);
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> out = new LinkedHashSet<>(base);
        out.addAll(Arrays.asList(more));
        return out;
    }
}
