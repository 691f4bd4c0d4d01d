package org.parley.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.errors.ParleyException;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;

/**
 * Catches a reconnecting client up from the database: per room, every message after the seq it
 * last saw and, when it also sends the last rev it saw, every older message edited, deleted or
 * reacted to since. Bounded per room; past the bound the room is marked truncated and the client
 * reloads it. Rooms the user no longer belongs to are listed as gone. Thread roots carry the
 * user's read mark on their thread, and each room the user's thread marks that moved last, so a
 * thread read on another device meanwhile shows as read.
 */
public final class SyncService {
    public static final int PER_ROOM_MAX = 500;
    public static final int ROOMS_MAX = 1000;
    /** How many of the user's thread read marks per room a sync hands back: the ones that moved last. */
    public static final int THREAD_MARKS_MAX = 50;

    private final Database db;
    private final MessageStore messages;
    private final Memberships rooms;
    private final ThreadReadStore threadMarks = new ThreadReadStore();

    public SyncService(Database db, Memberships rooms) {
        this.db = db;
        this.messages = new MessageStore(db.dialect());
        this.rooms = rooms;
    }

    /** Where a client stands in one room: the last seq it holds, and optionally the last rev. */
    public record Cursor(long seq, Long rev) {}

    /** {@code threadReads}: the user's read marks on the room's threads that moved last, at most {@link #THREAD_MARKS_MAX}. */
    public record RoomSync(long roomId, List<Message> messages, List<Message> changed, long lastSeq, long lastRev,
                           boolean truncated, List<ThreadMark> threadReads) {}

    public record Result(List<RoomSync> rooms, List<Long> gone) {}

    /**
     * For a node that missed some of a room's new messages on the bus: the messages of room {@code
     * roomId} with a seq from {@code fromSeq} to {@code toSeq}, oldest first, as the events that
     * announced them (with their current state). Asks for no member: the node delivers them only to
     * the sockets in the room. At most {@link #PER_ROOM_MAX}.
     */
    public List<BusEvent.MessageCreated> created(long roomId, long fromSeq, long toSeq) {
        List<Message> found = db.withHandle(h -> messages.range(h, roomId, fromSeq, toSeq, PER_ROOM_MAX));
        return found.stream().map(MessageEvents::created).toList();
    }

    /**
     * The seq of each room's newest message (0 when it has none; a room that is gone is left out),
     * for a node that starts carrying these rooms: it follows them from there. Asks for no member.
     */
    public Map<Long, Long> lastSeqs(java.util.Collection<Long> roomIds) {
        if (roomIds.isEmpty()) return Map.of();
        return db.withHandle(h -> {
            Map<Long, Long> out = new java.util.HashMap<>();
            for (long roomId : roomIds) rooms.room(h, roomId).ifPresent(room -> out.put(roomId, room.lastSeq()));
            return out;
        });
    }

    public Result sync(Principal actor, Map<Long, Cursor> cursors) {
        if (cursors.size() > ROOMS_MAX) throw ParleyException.invalid("rooms", "Sync at most " + ROOMS_MAX + " rooms at once.");
        return db.withHandle(h -> {
            List<RoomSync> synced = new ArrayList<>();
            List<Long> gone = new ArrayList<>();
            for (var e : cursors.entrySet()) {
                long roomId = e.getKey();
                Cursor c = e.getValue();
                var membership = rooms.find(h, roomId, actor.userId()).orElse(null);
                if (membership == null) {
                    gone.add(roomId);
                    continue;
                }
                var room = membership.room();
                long from = Math.max(0, c.seq());
                List<Message> fresh = messages.range(h, roomId, from + 1, room.lastSeq(), PER_ROOM_MAX + 1);
                boolean truncated = fresh.size() > PER_ROOM_MAX;
                if (truncated) fresh = fresh.subList(0, PER_ROOM_MAX);
                List<Message> changed = List.of();
                if (c.rev() != null && !truncated) {
                    changed = messages.changedSince(h, roomId, from, c.rev(), PER_ROOM_MAX + 1);
                    if (changed.size() > PER_ROOM_MAX) {
                        truncated = true;
                        changed = changed.subList(0, PER_ROOM_MAX);
                    }
                }
                synced.add(new RoomSync(roomId, threadMarks.asSeenBy(h, actor.userId(), fresh),
                        threadMarks.asSeenBy(h, actor.userId(), changed), room.lastSeq(), room.lastRev(), truncated,
                        threadMarks.latest(h, roomId, actor.userId(), THREAD_MARKS_MAX)));
            }
            return new Result(synced, gone);
        });
    }
}
