package org.parley.messages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * SQL for members' thread read marks: per member and thread, the seq of the newest reply they
 * read. A mark only moves forward. Used only inside this package.
 */
final class ThreadReadStore {

    /** Moves the member's mark on the thread of {@code rootSeq} to {@code seq}; false when it was there or past it. */
    boolean advance(Handle h, long roomId, long rootSeq, long userId, long seq, long now) {
        return h.createUpdate("""
                        INSERT INTO thread_reads (room_id, root_seq, user_id, last_read_seq, read_at)
                        VALUES (:room, :root, :user, :seq, :now)
                        ON CONFLICT (room_id, user_id, root_seq)
                        DO UPDATE SET last_read_seq = excluded.last_read_seq, read_at = excluded.read_at
                         WHERE thread_reads.last_read_seq < excluded.last_read_seq""")
                .bind("room", roomId).bind("root", rootSeq).bind("user", userId).bind("seq", seq).bind("now", now)
                .execute() > 0;
    }

    /** The member's {@code limit} marks in a room that moved last, newest first. */
    List<ThreadMark> latest(Handle h, long roomId, long userId, int limit) {
        return h.createQuery("""
                        SELECT root_seq, last_read_seq FROM thread_reads
                         WHERE room_id = :room AND user_id = :user
                         ORDER BY read_at DESC, root_seq DESC LIMIT :limit""")
                .bind("room", roomId).bind("user", userId).bind("limit", limit)
                .map((rs, ctx) -> new ThreadMark(rs.getLong(1), rs.getLong(2))).list();
    }

    /** The member's mark on one thread, 0 when never marked. */
    long mark(Handle h, long roomId, long rootSeq, long userId) {
        return h.createQuery("""
                        SELECT last_read_seq FROM thread_reads
                         WHERE room_id = :room AND user_id = :user AND root_seq = :root""")
                .bind("room", roomId).bind("root", rootSeq).bind("user", userId)
                .mapTo(Long.class).findOne().orElse(0L);
    }

    /** The member's marks on the threads of the given roots in one room (roots never marked are absent). */
    Map<Long, Long> marks(Handle h, long roomId, long userId, Collection<Long> rootSeqs) {
        Map<Long, Long> marks = new HashMap<>();
        if (rootSeqs.isEmpty()) return marks;
        h.createQuery("""
                        SELECT root_seq, last_read_seq FROM thread_reads
                         WHERE room_id = :room AND user_id = :user AND root_seq IN (<roots>)""")
                .bind("room", roomId).bind("user", userId).bindList("roots", rootSeqs)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> marks.put(e.getKey(), e.getValue()));
        return marks;
    }

    /** The messages as {@code userId} sees them: each thread root carries the user's mark on its thread. */
    List<Message> asSeenBy(Handle h, long userId, List<Message> found) {
        Map<Long, List<Long>> rootsByRoom = new LinkedHashMap<>();
        for (Message m : found) {
            if (m.thread() != null) rootsByRoom.computeIfAbsent(m.roomId(), k -> new ArrayList<>()).add(m.seq());
        }
        if (rootsByRoom.isEmpty()) return found;
        Map<Long, Map<Long, Long>> byRoom = new LinkedHashMap<>();
        rootsByRoom.forEach((roomId, roots) -> byRoom.put(roomId, marks(h, roomId, userId, roots)));
        List<Message> seen = new ArrayList<>(found.size());
        for (Message m : found) {
            seen.add(m.thread() == null ? m : m.withThreadRead(byRoom.get(m.roomId()).getOrDefault(m.seq(), 0L)));
        }
        return seen;
    }

    /** One message as {@code userId} sees it ({@link #asSeenBy}). */
    Message asSeenBy(Handle h, long userId, Message m) {
        return asSeenBy(h, userId, List.of(m)).getFirst();
    }
}
