package org.parley.messages;

import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Who took part in a thread: the author of its root and everyone who replied in it. A reply in the
 * thread reaches them as a mention would (in-app and by push).
 */
public final class ThreadParticipants {
    private ThreadParticipants() {}

    /** The ids of the users who wrote the root {@code rootSeq} of room {@code roomId} or a reply in its thread. */
    public static Set<Long> of(Handle h, long roomId, long rootSeq) {
        return new HashSet<>(h.createQuery("""
                        SELECT sender_id FROM messages WHERE room_id = :room AND seq = :root AND sender_id IS NOT NULL
                        UNION
                        SELECT sender_id FROM messages WHERE room_id = :room AND thread_root_seq = :root AND sender_id IS NOT NULL""")
                .bind("room", roomId).bind("root", rootSeq).mapTo(Long.class).list());
    }
}
