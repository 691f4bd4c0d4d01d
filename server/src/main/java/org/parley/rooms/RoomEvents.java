package org.parley.rooms;

import java.util.List;
import org.parley.bus.BusEvent;
import org.parley.bus.JsonPayload;

/** The bus events about rooms and memberships, built from the feature's records. */
final class RoomEvents {
    private RoomEvents() {}

    /** {@code member} joined room {@code roomId}: their sockets start hearing it, then the room hears of them. */
    static List<BusEvent> memberAdded(long roomId, Member member) {
        return List.of(new BusEvent.RoomJoined(member.userId(), roomId),
                new BusEvent.MemberAdded(roomId, member.userId(), JsonPayload.of(member)));
    }

    /** {@code member} is the new state of a membership of room {@code roomId}. */
    static BusEvent.MemberUpdated memberUpdated(long roomId, Member member) {
        return new BusEvent.MemberUpdated(roomId, JsonPayload.of(member));
    }

    /** {@code room}'s name or description changed. */
    static BusEvent.RoomUpdated roomUpdated(Room room) {
        return new BusEvent.RoomUpdated(room.id(), room.name(), room.description());
    }
}
