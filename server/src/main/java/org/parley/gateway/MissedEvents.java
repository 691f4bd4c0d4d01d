package org.parley.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.bus.Topic;
import org.parley.socketio.Namespace;
import org.parley.socketio.SocketIoSocket;

/**
 * After the bus was interrupted, tells each socket that may have missed events to catch up:
 * {@code resync_needed {rooms: [roomId]}} lists the socket's rooms whose events may be lost, and the
 * client runs {@code sync} for them (and reloads its room list, for what its own topic missed).
 */
final class MissedEvents {
    private final Namespace ns;

    MissedEvents(Namespace ns) {
        this.ns = ns;
    }

    /** The room's sockets may have missed some of its messages. */
    void missedRoom(long roomId) {
        ns.to(Topic.room(roomId).key()).emit(ServerEvent.RESYNC_NEEDED.wire(), Map.of("rooms", List.of(roomId)));
    }

    void missed(Set<Topic> topics) {
        Set<String> keys = topics.stream().map(Topic::key).collect(Collectors.toSet());
        for (SocketIoSocket socket : ns.sockets()) {
            Set<String> rooms = socket.rooms();
            List<Long> roomIds = rooms.stream().filter(keys::contains)
                    .flatMap(key -> Topic.parse(key).stream())
                    .filter(topic -> topic.kind() == Topic.Kind.ROOM)
                    .map(Topic::id).sorted().toList();
            boolean ownTopic = rooms.stream().anyMatch(key -> key.startsWith("user:") && keys.contains(key));
            if (!roomIds.isEmpty() || ownTopic) {
                socket.emit(ServerEvent.RESYNC_NEEDED.wire(), Map.of("rooms", roomIds));
            }
        }
    }
}
