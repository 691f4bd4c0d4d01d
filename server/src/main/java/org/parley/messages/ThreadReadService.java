package org.parley.messages;

import java.time.Clock;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;

/**
 * Members' thread read marks, kept by the server so every device of an account follows them. A
 * thread is unread for a member while its newest reply ({@code thread.lastReplySeq}) is past their
 * mark and was written by someone else. A moved mark is told to the member's own connections; the
 * roots read for one member carry their mark ({@link ThreadReadStore#asSeenBy}).
 */
public final class ThreadReadService {
    private final Database db;
    private final MessageStore messages;
    private final ThreadReadStore marks = new ThreadReadStore();
    private final Memberships rooms;
    private final EventBus bus;
    private final Clock clock;

    public ThreadReadService(Database db, Memberships rooms, EventBus bus, Clock clock) {
        this.db = db;
        this.messages = new MessageStore(db.dialect());
        this.rooms = rooms;
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * Moves the caller's mark on a thread forward to {@code seq}, capped at the thread's newest
     * reply; returns the mark as it now stands (unchanged when it was already there or past it).
     */
    public long markRead(Principal actor, MarkThreadRead command) {
        long roomId = command.roomId();
        long rootSeq = command.rootSeq();
        if (rootSeq < 1) throw ParleyException.invalid("rootSeq", "rootSeq must be a positive message seq.");
        if (command.seq() < 0) throw ParleyException.invalid("seq", "seq must not be negative.");
        long userId = actor.userId();
        long[] now = new long[1];
        boolean moved = db.inTransaction(h -> {
            rooms.requireMember(h, roomId, userId);
            Message root = messages.bySeq(h, roomId, rootSeq)
                    .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Message not found."));
            if (root.threadRootSeq() != null) {
                throw ParleyException.invalid("rootSeq", "This message is a reply in a thread; mark the thread of its root.");
            }
            if (root.thread() == null) throw new ParleyException(ErrorCode.NOT_FOUND, "Nobody has replied in a thread on that message.");
            long target = Math.min(command.seq(), root.thread().lastReplySeq());
            boolean advanced = marks.advance(h, roomId, rootSeq, userId, target, clock.millis());
            now[0] = advanced ? target : marks.mark(h, roomId, rootSeq, userId);
            return advanced;
        });
        if (moved) bus.publish(new BusEvent.ThreadReadMoved(userId, roomId, rootSeq, now[0]));
        return now[0];
    }
}
