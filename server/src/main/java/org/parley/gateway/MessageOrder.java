package org.parley.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import org.parley.bus.BusEvent;
import org.parley.messages.SyncService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands this node's sockets each room's new messages in seq order, with none missing. It keeps the
 * last seq delivered per room the node carries; a message further ahead than the next one means the
 * ones between were missed on the bus (an interruption) or are still on their way from another
 * node, so they are read from the messages service and delivered first, and when they arrive after
 * all they are dropped. A gap too wide to fill (or that cannot be read) has the room's sockets told
 * to resync instead.
 *
 * <p>A room this node starts carrying is followed from the seq its newest stored message had just
 * before the node's first socket joined it ({@link #lastStored}, then {@link #startAt}), not from
 * whatever message the node hears first: a message that was published before the node's
 * subscription was in place, or that reaches the node after a later one from a faster node, is
 * then filled in from the database when the next one arrives instead of being lost.
 *
 * <p>{@link #admit} is called on the delivery lane of the message's room, so calls for one room never
 * overlap; the other methods from any thread.
 */
final class MessageOrder {
    private static final Logger log = LoggerFactory.getLogger(MessageOrder.class);

    private final SyncService sync;
    private final LongPredicate hasSockets;
    private final LongConsumer resyncRoom;
    /** The last seq delivered per followed room, or {@link #AWAITING} for a room that just got its first socket. */
    private final Map<Long, Long> lastSeq = new ConcurrentHashMap<>();
    private static final Long AWAITING = -1L;

    /** {@code hasSockets} tells whether a room has sockets on this node; only those rooms are followed. */
    MessageOrder(SyncService sync, LongPredicate hasSockets, LongConsumer resyncRoom) {
        this.sync = sync;
        this.hasSockets = hasSockets;
        this.resyncRoom = resyncRoom;
    }

    /** What to deliver in place of {@code created}, oldest first: nothing when it was delivered already. */
    List<BusEvent.MessageCreated> admit(BusEvent.MessageCreated created) {
        long roomId = created.roomId();
        long seq = created.seq();
        if (!hasSockets.test(roomId)) {
            // published here for a room nobody here hears (a message sent over REST): nothing to follow
            lastSeq.remove(roomId);
            return List.of(created);
        }
        Long last = lastSeq.get(roomId);
        if (last == null || last.equals(AWAITING) || seq == last + 1) {
            lastSeq.put(roomId, seq);
            return List.of(created);
        }
        if (seq <= last) return List.of();
        lastSeq.put(roomId, seq);
        long from = last + 1;
        long to = seq - 1;
        List<BusEvent.MessageCreated> out = new ArrayList<>();
        if (to - from + 1 <= SyncService.PER_ROOM_MAX) {
            try {
                out.addAll(sync.created(roomId, from, to));
            } catch (RuntimeException e) {
                log.warn("Could not read the messages {}..{} of room {} missed on the bus: {}", from, to, roomId, e.toString());
            }
        }
        if (out.size() < to - from + 1) resyncRoom.accept(roomId);
        out.add(created);
        return out;
    }

    /**
     * Where the rooms this node does not carry yet stand in the database now; read before the first sockets join them, and
     * hand the answer to {@link #startAt} after they joined. Throws when the database cannot be read.
     */
    Map<Long, Long> lastStored(java.util.Collection<Long> roomIds) {
        // a room this node already carries is followed already: only the others are read
        List<Long> uncarried = roomIds.stream().filter(id -> !hasSockets.test(id)).toList();
        return sync.lastSeqs(uncarried);
    }

    /**
     * Follows each room that got its first socket since {@code lastStored} was read from the seq
     * read then (lower than any message that can still be on its way); rooms already followed
     * keep their place.
     */
    void startAt(Map<Long, Long> lastStored) {
        lastStored.forEach((roomId, seq) -> lastSeq.replace(roomId, AWAITING, seq));
    }

    /** The room got its first socket on this node: it waits for {@link #startAt}. */
    void carried(long roomId) {
        lastSeq.put(roomId, AWAITING);
    }

    /** The node no longer carries the room: the next message it hears there starts afresh. */
    void forget(long roomId) {
        lastSeq.remove(roomId);
    }
}
