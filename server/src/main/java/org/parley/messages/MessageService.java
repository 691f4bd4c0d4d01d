package org.parley.messages;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.files.Attachments;
import org.parley.limits.RateLimiter;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;

/**
 * Sending, editing, deleting and reacting to messages, and reading history. Only members may do
 * any of it. Deleting a message releases its files in the same transaction; a file whose preview
 * is made after its message was sent gets the message announced again ({@link #attachmentChanged}).
 */
public final class MessageService implements AutoCloseable {
    public static final int PAGE_DEFAULT = 50;
    public static final int PAGE_MAX = 100;

    private final Database db;
    private final MessageStore messages;
    private final Attachments attachments;
    private final Memberships rooms;
    private final MessageRules rules;
    private final RateLimiter sendLimit;
    private final MessageWriter writer;
    private final EventBus bus;
    private final Clock clock;
    private final ThreadReadStore threadMarks = new ThreadReadStore();
    private final ThreadReadService threadReads;

    public MessageService(Database db, Memberships rooms, MessageRules rules, RateLimiter sendLimit, EventBus bus,
                          Clock clock) {
        this.db = db;
        this.messages = new MessageStore(db.dialect());
        this.attachments = new Attachments();
        this.rooms = rooms;
        this.rules = rules;
        this.sendLimit = sendLimit;
        this.bus = bus;
        this.clock = clock;
        this.writer = new MessageWriter(db, messages, rooms, bus, clock);
        this.threadReads = new ThreadReadService(db, rooms, bus, clock);
    }

    /** Stores the message; the future completes after commit, with the original on a retried clientId. */
    public CompletableFuture<SendResult> send(Principal sender, SendMessage command) {
        try {
            List<String> files = MessageRules.attachments(command.attachments());
            String text = rules.content(command.content(), !files.isEmpty());
            String cid = MessageRules.clientId(command.clientId());
            sendLimit.acquire("user:" + sender.userId()).ifPresent(wait -> {
                throw ParleyException.rateLimited("You are sending messages too fast.", wait);
            });
            return writer.submit(new SendRequest(sender, command.roomId(), text, cid, command.replyTo(), files,
                    command.threadRootSeq()));
        } catch (ParleyException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public Message edit(Principal actor, EditMessage command) {
        long roomId = command.roomId();
        long seq = command.seq();
        String text = rules.content(command.content());
        long now = clock.millis();
        Mentions mentions = Mentions.in(text);
        Message edited = db.inTransaction(h -> {
            var membership = rooms.requireMember(h, roomId, actor.userId());
            Message m = live(h, roomId, seq);
            if (m.sender() == null || m.sender().id() != actor.userId()) {
                throw new ParleyException(ErrorCode.FORBIDDEN, "You can only edit your own messages.");
            }
            if (m.content().equals(text)) return null;
            var named = mentions.usernames().isEmpty() ? Map.<String, Long>of()
                    : rooms.membersNamed(h, Map.of(roomId, mentions.usernames())).getOrDefault(roomId, Map.of());
            messages.edit(h, roomId, seq, text, MentionedMembers.ids(mentions, named),
                    mentions.room() && membership.member().role().canManage(), now, rooms.takeRev(h, roomId));
            return messages.bySeq(h, roomId, seq).orElseThrow();
        });
        if (edited == null) return db.withHandle(h -> live(h, roomId, seq));
        bus.publish(MessageEvents.changed(edited));
        return edited;
    }

    /** Deletes one's own message, or any message as an owner or admin of a group room. Leaves a tombstone. */
    public Message delete(Principal actor, DeleteMessage command) {
        long roomId = command.roomId();
        long seq = command.seq();
        long now = clock.millis();
        Message deleted = db.inTransaction(h -> {
            var membership = rooms.requireMember(h, roomId, actor.userId());
            Message m = live(h, roomId, seq);
            boolean own = m.sender() != null && m.sender().id() == actor.userId();
            boolean moderator = !membership.room().isDirect() && membership.member().role().canManage();
            if (!own && !moderator) {
                throw new ParleyException(ErrorCode.FORBIDDEN, "You can only delete your own messages.");
            }
            messages.tombstone(h, roomId, seq, now, rooms.takeRev(h, roomId));
            attachments.release(h, roomId, seq, now);
            return messages.bySeq(h, roomId, seq).orElseThrow();
        });
        bus.publish(MessageEvents.changed(deleted));
        return deleted;
    }

    /** Adds the caller's reaction, or takes it back when already there. */
    public Message react(Principal actor, React command) {
        long roomId = command.roomId();
        long seq = command.seq();
        String e = MessageRules.emoji(command.emoji());
        long now = clock.millis();
        Message reacted = db.inTransaction(h -> {
            rooms.requireMember(h, roomId, actor.userId());
            live(h, roomId, seq);
            messages.toggleReaction(h, roomId, seq, actor.userId(), e, now, rooms.takeRev(h, roomId));
            return messages.bySeq(h, roomId, seq).orElseThrow();
        });
        bus.publish(MessageEvents.changed(reacted));
        return reacted;
    }

    /**
     * Something shown of one of this file's attachments changed (its preview became ready): the
     * message holding it takes the room's next rev, so {@code sync} finds it, and is published as
     * changed after commit. Empty when no message, or only a deleted one, holds the file.
     */
    public Optional<Message> attachmentChanged(String fileId) {
        Message changed = db.inTransaction(h -> messages.holderOf(h, fileId).map(at -> {
            messages.touch(h, at.roomId(), at.seq(), rooms.takeRev(h, at.roomId()));
            return messages.bySeq(h, at.roomId(), at.seq()).orElseThrow();
        }).orElse(null));
        if (changed == null) return Optional.empty();
        bus.publish(MessageEvents.changed(changed));
        return Optional.of(changed);
    }

    /**
     * A page of the room's timeline: the newest top-level messages, or those before, after or
     * around a seq, oldest first. Replies in threads are not part of it ({@link #thread}); each
     * thread root carries the caller's read mark on its thread.
     */
    public List<Message> history(Principal actor, long roomId, Long before, Long after, Long around, Integer limit) {
        int n = limit == null ? PAGE_DEFAULT : limit;
        if (n < 1 || n > PAGE_MAX) throw ParleyException.invalid("limit", "limit must be between 1 and " + PAGE_MAX + ".");
        if ((before != null ? 1 : 0) + (after != null ? 1 : 0) + (around != null ? 1 : 0) > 1) {
            throw ParleyException.invalid("before", "Use only one of before, after and around.");
        }
        return db.withHandle(h -> {
            var room = rooms.requireMember(h, roomId, actor.userId()).room();
            List<Message> page;
            if (after != null) {
                page = messages.timelineRange(h, roomId, after + 1, Long.MAX_VALUE, n);
            } else if (around != null) {
                List<Message> older = messages.timelineBefore(h, roomId, around, n / 2);
                List<Message> newer = messages.timelineRange(h, roomId, around, Long.MAX_VALUE, n - older.size());
                page = java.util.stream.Stream.concat(older.stream(), newer.stream()).toList();
            } else {
                page = messages.timelineBefore(h, roomId, before != null ? before : room.lastSeq() + 1, n);
            }
            return threadMarks.asSeenBy(h, actor.userId(), page);
        });
    }

    /** A thread: its root and its replies after seq {@code after} (from the first when null), oldest first. */
    public record ThreadPage(Message root, List<Message> replies) {}

    /**
     * The thread of top-level message {@code rootSeq}: the root (also when deleted) and a page of its
     * replies. Members only; a message that is itself a reply in a thread has no thread of its own.
     * The root carries the caller's read mark on the thread.
     */
    public ThreadPage thread(Principal actor, long roomId, long rootSeq, Long after, Integer limit) {
        int n = limit == null ? PAGE_DEFAULT : limit;
        if (n < 1 || n > PAGE_MAX) throw ParleyException.invalid("limit", "limit must be between 1 and " + PAGE_MAX + ".");
        if (after != null && after < 0) throw ParleyException.invalid("after", "after must not be negative.");
        return db.withHandle(h -> {
            rooms.requireMember(h, roomId, actor.userId());
            Message root = messages.bySeq(h, roomId, rootSeq)
                    .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Message not found."));
            if (root.threadRootSeq() != null) {
                throw ParleyException.invalid("seq", "This message is a reply in a thread; open the thread of its root.");
            }
            return new ThreadPage(threadMarks.asSeenBy(h, actor.userId(), root),
                    messages.thread(h, roomId, rootSeq, after == null ? rootSeq : after, n));
        });
    }

    /** Moves the caller's read mark forward to {@code seq} (capped at the newest message). */
    public long markRead(Principal actor, MarkRead command) {
        long roomId = command.roomId();
        long seq = command.seq();
        if (seq < 0) throw ParleyException.invalid("seq", "seq must not be negative.");
        BusEvent.ReadMarkMoved moved = db.inTransaction(h -> {
            var m = rooms.requireMember(h, roomId, actor.userId());
            long target = Math.min(seq, m.room().lastSeq());
            if (!rooms.markRead(h, roomId, actor.userId(), target)) return null;
            return new BusEvent.ReadMarkMoved(roomId, actor.userId(), target, m.room().lastSeq() - target,
                    rooms.mentionCount(h, roomId, actor.userId(), target));
        });
        if (moved == null) {
            return db.withHandle(h -> rooms.requireMember(h, roomId, actor.userId()).member().lastReadSeq());
        }
        bus.publish(moved);
        return moved.seq();
    }

    /** Moves the caller's read mark on a thread forward ({@link ThreadReadService#markRead}). */
    public long markThreadRead(Principal actor, MarkThreadRead command) {
        return threadReads.markRead(actor, command);
    }

    Message live(org.jdbi.v3.core.Handle h, long roomId, long seq) {
        Message m = messages.bySeq(h, roomId, seq)
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "Message not found."));
        if (m.deleted()) throw new ParleyException(ErrorCode.NOT_FOUND, "That message was deleted.");
        if (!Message.TEXT.equals(m.kind())) throw new ParleyException(ErrorCode.FORBIDDEN, "System messages cannot be changed.");
        return m;
    }

    @Override
    public void close() {
        writer.close();
    }
}
