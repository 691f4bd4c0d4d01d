package org.parley.rooms;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.parley.bus.BusEvent;

/**
 * What rooms tells other features when a member leaves or is removed, declared here and
 * implemented by the features that keep per-member state in a room (calls drop the member from
 * the room's call), wired by the composition root, so that rooms never imports them. Runs on the
 * handle of the transaction that removed the member, after the removal.
 */
public interface RoomDepartures {
    /** Nobody listens. */
    RoomDepartures NONE = (h, roomId, userId, now) -> List.of();

    /** {@code userId} is no longer a member of {@code roomId}; returns the events to publish after commit. */
    List<BusEvent> departed(Handle h, long roomId, long userId, long now);
}
