package org.parley.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.bus.BusEvent;
import org.parley.bus.Topic;
import org.parley.json.Commands;
import org.parley.presence.PresenceService;
import org.parley.presence.PresenceStatus;
import org.parley.socketio.EventArgs;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoSocket;
import tools.jackson.databind.JsonNode;

/**
 * The people a connection watches: {@code watch_presence} replaces the set, which is kept as the
 * socket's Socket.IO rooms {@code presence:<id>} (so {@link PresenceBatches} finds the watchers of a
 * change without a query). Only people the user may see are watched; the others are left out of
 * the set and of the answer. When someone leaves a room or a room is deleted, the watches it
 * allowed are checked again, so nobody keeps watching a person they no longer share a room with.
 * A connection starts, and restarts after every reconnect, watching nobody.
 */
final class PresenceWatches {
    /** The start of the keys of {@link Topic#presence}. */
    private static final String PREFIX = "presence:";

    private final Namespace ns;
    private final PresenceService presence;

    PresenceWatches(Namespace ns, PresenceService presence) {
        this.ns = ns;
        this.presence = presence;
    }

    /** {@code watch_presence({userIds})}: the new watch set and the current presence of each watched person. */
    Map<String, Object> watch(SocketIoSocket socket, EventArgs args) {
        JsonNode ids = Payloads.object(args).path("userIds");
        if (!ids.isArray()) throw new BadPayloadException("watch_presence needs {userIds: [userId, ...]}.");
        List<Long> wanted = new ArrayList<>(ids.size());
        for (JsonNode id : ids) wanted.add(Commands.id(id, "userIds"));
        long viewer = ChatNamespaceAuth.principal(socket).userId();
        List<Long> allowed = presence.watchable(viewer, wanted);
        Set<String> keep = new HashSet<>();
        for (long id : allowed) keep.add(Topic.presence(id).key());
        for (String room : socket.rooms()) {
            if (room.startsWith(PREFIX) && !keep.contains(room)) socket.leave(room);
        }
        for (String room : keep) socket.join(room);
        // read after joining: a change from now on arrives in a batch, one before it is in this answer
        List<PresenceStatus> states = presence.statusesOf(allowed);
        return Map.of("users", states);
    }

    /** After a departure, drops the watches that relied on the room. */
    void membershipChanged(BusEvent event) {
        switch (event) {
            case BusEvent.MemberRemoved e -> recheck(List.of(e.userId()));
            case BusEvent.RoomDeleted e -> recheck(e.memberIds());
            default -> { }
        }
    }

    private void recheck(List<Long> departed) {
        for (long user : departed) {
            for (SocketIoSocket socket : ns.socketsIn(Topic.user(user).key())) {
                Set<Long> watched = watchedBy(socket);
                if (watched.isEmpty()) continue;
                Set<Long> still = presence.stillWatchable(user, watched);
                for (long id : watched) if (!still.contains(id)) socket.leave(Topic.presence(id).key());
            }
            String watchers = Topic.presence(user).key();
            for (SocketIoSocket socket : ns.socketsIn(watchers)) {
                long viewer = ChatNamespaceAuth.principal(socket).userId();
                if (!presence.stillWatchable(viewer, List.of(user)).contains(user)) socket.leave(watchers);
            }
        }
    }

    private static Set<Long> watchedBy(SocketIoSocket socket) {
        Set<Long> ids = new HashSet<>();
        for (String room : socket.rooms()) {
            if (room.startsWith(PREFIX)) ids.add(Long.parseLong(room.substring(PREFIX.length())));
        }
        return ids;
    }
}
