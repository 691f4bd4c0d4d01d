package org.parley.socketio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sockets are in which rooms of one namespace. Not thread-safe: the namespace guards it, and
 * tells its {@link RoomListener}s of rooms created and deleted from under the same lock.
 */
final class RoomRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(RoomRegistry.class);

    private final Map<String, Set<SocketIoSocket>> members = new HashMap<>();
    private final Map<SocketIoSocket, Set<String>> roomsOfSocket = new HashMap<>();
    /**
     * The members of each large room a broadcast went to, as of that broadcast, until the room
     * changes: the next broadcast to it goes through the same array instead of copying the set.
     */
    private final Map<String, SocketIoSocket[]> snapshots = new HashMap<>();
    private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();

    void addListener(RoomListener listener) {
        listeners.add(listener);
    }

    /** Rooms with fewer members are copied for every broadcast (cheap) rather than kept as a snapshot. */
    static final int SNAPSHOT_MIN_MEMBERS = 16;

    void join(SocketIoSocket socket, String room) {
        Set<SocketIoSocket> sockets = members.computeIfAbsent(room, r -> new LinkedHashSet<>());
        if (sockets.add(socket)) {
            changed(room, sockets);
            if (sockets.size() == 1) {
                created(room);
            }
        }
        roomsOfSocket.computeIfAbsent(socket, s -> new HashSet<>()).add(room);
    }

    void leave(SocketIoSocket socket, String room) {
        Set<SocketIoSocket> sockets = members.get(room);
        if (sockets != null && sockets.remove(socket)) {
            changed(room, sockets);
            if (sockets.isEmpty()) {
                members.remove(room);
                deleted(room);
            }
        }
        Set<String> rooms = roomsOfSocket.get(socket);
        if (rooms != null) {
            rooms.remove(room);
        }
    }

    /** Removes the socket from every room; returns the rooms it was in. */
    Set<String> leaveAll(SocketIoSocket socket) {
        Set<String> rooms = roomsOfSocket.remove(socket);
        if (rooms == null) {
            return Set.of();
        }
        for (String room : rooms) {
            Set<SocketIoSocket> sockets = members.get(room);
            if (sockets != null && sockets.remove(socket)) {
                changed(room, sockets);
                if (sockets.isEmpty()) {
                    members.remove(room);
                    deleted(room);
                }
            }
        }
        return rooms;
    }

    /** A room's membership changed: a snapshot of it (only a large room has one) is stale. */
    private void changed(String room, Set<SocketIoSocket> sockets) {
        if (!snapshots.isEmpty()) {
            snapshots.remove(room);
        }
    }

    /** The members of one room, as a list that nobody changes (a snapshot kept for a large room). */
    private List<SocketIoSocket> membersNow(String room) {
        SocketIoSocket[] snapshot = snapshots.get(room);
        if (snapshot == null) {
            Set<SocketIoSocket> sockets = members.get(room);
            if (sockets == null) {
                return List.of();
            }
            snapshot = sockets.toArray(new SocketIoSocket[0]);
            if (snapshot.length >= SNAPSHOT_MIN_MEMBERS) {
                snapshots.put(room, snapshot);
            }
        }
        return Collections.unmodifiableList(Arrays.asList(snapshot));
    }

    private void created(String room) {
        for (RoomListener listener : listeners) {
            try {
                listener.roomCreated(room);
            } catch (RuntimeException e) {
                LOG.warn("room listener failed on {}", room, e);
            }
        }
    }

    private void deleted(String room) {
        for (RoomListener listener : listeners) {
            try {
                listener.roomDeleted(room);
            } catch (RuntimeException e) {
                LOG.warn("room listener failed on {}", room, e);
            }
        }
    }

    Set<String> roomsOf(SocketIoSocket socket) {
        Set<String> rooms = roomsOfSocket.get(socket);
        return rooms == null ? Set.of() : Set.copyOf(rooms);
    }

    int countIn(String room) {
        Set<SocketIoSocket> sockets = members.get(room);
        return sockets == null ? 0 : sockets.size();
    }

    Set<SocketIoSocket> membersOf(String room) {
        Set<SocketIoSocket> sockets = members.get(room);
        return sockets == null ? Set.of() : Set.copyOf(sockets);
    }

    /**
     * The sockets a broadcast reaches: members of any of {@code rooms} (every socket when empty),
     * minus members of any of {@code except}. A copy (the caller may close sockets while going
     * through it); for one room, a flat list with no per-socket allocation, and for a large room
     * the same one until the room changes.
     */
    Collection<SocketIoSocket> resolve(Set<String> rooms, Set<String> except) {
        Collection<SocketIoSocket> base;
        if (rooms.isEmpty()) {
            base = roomsOfSocket.keySet();
        } else if (rooms.size() == 1) {
            base = membersNow(rooms.iterator().next());
        } else {
            Set<SocketIoSocket> union = new LinkedHashSet<>();
            for (String room : rooms) {
                union.addAll(members.getOrDefault(room, Set.of()));
            }
            base = union;
        }
        List<Set<SocketIoSocket>> excluded = new ArrayList<>(except.size());
        for (String room : except) {
            Set<SocketIoSocket> sockets = members.get(room);
            if (sockets != null && !sockets.isEmpty()) {
                excluded.add(sockets);
            }
        }
        if (excluded.isEmpty()) {
            return base instanceof List<SocketIoSocket> list ? list : Arrays.asList(base.toArray(new SocketIoSocket[0]));
        }
        List<SocketIoSocket> out = new ArrayList<>(base.size());
        for (SocketIoSocket socket : base) {
            if (!inAny(excluded, socket)) {
                out.add(socket);
            }
        }
        return out;
    }

    private static boolean inAny(List<Set<SocketIoSocket>> sets, SocketIoSocket socket) {
        for (Set<SocketIoSocket> set : sets) {
            if (set.contains(socket)) {
                return true;
            }
        }
        return false;
    }
}
