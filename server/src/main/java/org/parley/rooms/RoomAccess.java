package org.parley.rooms;

import org.jdbi.v3.core.Handle;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;

/**
 * Who may do what in a room. A room the user is not a member of answers "not found", exactly as
 * a room that does not exist, so outsiders learn nothing about it.
 */
public final class RoomAccess {
    private final RoomStore rooms;

    RoomAccess(RoomStore rooms) {
        this.rooms = rooms;
    }

    /** The room and the caller's membership; not found for outsiders. */
    public Membership requireMember(Handle h, long roomId, long userId) {
        Member me = rooms.membership(h, roomId, userId).orElseThrow(RoomAccess::notFound);
        Room room = rooms.find(h, roomId).orElseThrow(RoomAccess::notFound);
        return new Membership(room, me);
    }

    /** As {@link #requireMember}, and the room must be a group where the caller is owner or admin. */
    Membership requireManager(Handle h, long roomId, long userId) {
        Membership m = requireGroup(h, roomId, userId);
        if (!m.member().role().canManage()) {
            throw new ParleyException(ErrorCode.FORBIDDEN, "Only the room's owner and admins can do that.");
        }
        return m;
    }

    Membership requireGroup(Handle h, long roomId, long userId) {
        Membership m = requireMember(h, roomId, userId);
        if (m.room().isDirect()) {
            throw new ParleyException(ErrorCode.FORBIDDEN, "Direct conversations have no admins, names or members to change.");
        }
        return m;
    }

    static ParleyException notFound() {
        return new ParleyException(ErrorCode.NOT_FOUND, "Room not found.");
    }

    /** A room seen by one of its members. */
    public record Membership(Room room, Member member) {}
}
