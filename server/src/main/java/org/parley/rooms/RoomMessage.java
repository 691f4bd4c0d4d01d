package org.parley.rooms;

/**
 * A message as a room carries it in its room list entry ({@link RoomSummary#lastMessage()}): the
 * messages feature's own record, which rooms passes on without reading more of it than its seq.
 * It is written to JSON as that record.
 */
public interface RoomMessage {
    long seq();
}
