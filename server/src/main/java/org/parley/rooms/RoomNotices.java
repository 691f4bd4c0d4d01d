package org.parley.rooms;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.bus.BusEvent;

/**
 * The messages a room shows about itself, declared here and implemented by the messages feature
 * (wired by the composition root), so that rooms never imports messages. Both run on the
 * caller's handle, inside its transaction.
 */
public interface RoomNotices {
    /** Posts a system message with {@code text} at the room's next seq. */
    Notice post(Handle h, long roomId, String text, long now);

    /** The room's message at {@code seq}, as its room list entry shows it; empty when there is none. */
    Optional<RoomMessage> shown(Handle h, long roomId, long seq);

    /** A posted notice: its seq, and the event that announces it, to publish after commit. */
    record Notice(long seq, BusEvent announcement) {}
}
