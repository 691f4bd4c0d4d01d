package org.parley.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.parley.files.Attachment;
import org.parley.rooms.RoomMessage;
import org.parley.users.PublicUser;

/**
 * A message as clients see it. {@code seq} is its gap-free position in the room; {@code rev} is
 * the room's change counter at its last change (send, edit, delete, reaction, or a file's preview
 * becoming ready), which {@code sync} uses to find what changed. A deleted message keeps its seq
 * with empty content, no reactions and no attachments. {@code attachments} is never null: a
 * message without files carries an empty list, in every payload. {@code mentions} are the ids of
 * the members its text names with {@code @username} (never null), and {@code mentionsRoom} says it
 * calls on the whole room ({@code @room}, written by an owner or admin). {@code threadRootSeq} is
 * set on a reply in a thread: the seq of the thread's root, a top-level message of the same room. A
 * root with replies carries {@code thread}, its summary (null for a message nobody replied to in a thread).
 */
public record Message(long id, long roomId, long seq, long rev, String kind, String content, PublicUser sender,
                      String clientId, Long replyTo, long createdAt, Long editedAt, boolean deleted,
                      List<Reaction> reactions, List<Attachment> attachments, List<Long> mentions,
                      boolean mentionsRoom, Long threadRootSeq, Thread thread) implements RoomMessage {

    public static final String TEXT = "text";
    public static final String SYSTEM = "system";

    public Message {
        reactions = List.copyOf(reactions);
        attachments = List.copyOf(attachments);
        mentions = List.copyOf(mentions);
    }

    /** A message that mentions nobody, outside any thread, with no replies. */
    public Message(long id, long roomId, long seq, long rev, String kind, String content, PublicUser sender,
                   String clientId, Long replyTo, long createdAt, Long editedAt, boolean deleted,
                   List<Reaction> reactions, List<Attachment> attachments) {
        this(id, roomId, seq, rev, kind, content, sender, clientId, replyTo, createdAt, editedAt, deleted, reactions,
                attachments, List.of(), false, null, null);
    }

    /**
     * A thread's summary on its root: how many replies it has (deleted ones included), when the
     * newest came and its seq, and the ids of its last (up to three) distinct repliers, newest
     * first. {@code lastReadSeq} is how far the reader has read the thread (0 when never marked); it
     * is set only in what is read for one user (history, a thread, sync), and left out of what the
     * whole room hears.
     */
    public record Thread(int replyCount, long lastReplyAt, long lastReplySeq, List<Long> lastReplierIds,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long lastReadSeq) {
        public Thread {
            lastReplierIds = List.copyOf(lastReplierIds);
        }

        /** The summary as the whole room sees it, without anyone's read mark. */
        public Thread(int replyCount, long lastReplyAt, long lastReplySeq, List<Long> lastReplierIds) {
            this(replyCount, lastReplyAt, lastReplySeq, lastReplierIds, null);
        }

        Thread readTo(long seq) {
            return new Thread(replyCount, lastReplyAt, lastReplySeq, lastReplierIds, seq);
        }
    }

    /** One emoji on a message: how many reacted with it and who. */
    public record Reaction(String emoji, int count, List<Long> userIds) {}

    public Message withReactions(List<Reaction> r) {
        return new Message(id, roomId, seq, rev, kind, content, sender, clientId, replyTo, createdAt, editedAt, deleted,
                r, attachments, mentions, mentionsRoom, threadRootSeq, thread);
    }

    public Message withAttachments(List<Attachment> a) {
        return new Message(id, roomId, seq, rev, kind, content, sender, clientId, replyTo, createdAt, editedAt, deleted,
                reactions, a, mentions, mentionsRoom, threadRootSeq, thread);
    }

    public Message withMentions(List<Long> ids, boolean room) {
        return new Message(id, roomId, seq, rev, kind, content, sender, clientId, replyTo, createdAt, editedAt, deleted,
                reactions, attachments, ids, room, threadRootSeq, thread);
    }

    /** This root as a reader sees it who read its thread up to {@code readSeq}. */
    Message withThreadRead(long readSeq) {
        if (thread == null) return this;
        return new Message(id, roomId, seq, rev, kind, content, sender, clientId, replyTo, createdAt, editedAt, deleted,
                reactions, attachments, mentions, mentionsRoom, threadRootSeq, thread.readTo(readSeq));
    }

    Message withId(long newId) {
        return new Message(newId, roomId, seq, rev, kind, content, sender, clientId, replyTo, createdAt, editedAt,
                deleted, reactions, attachments, mentions, mentionsRoom, threadRootSeq, thread);
    }

    Message numbered(long newSeq, long newRev) {
        return new Message(id, roomId, newSeq, newRev, kind, content, sender, clientId, replyTo, createdAt, editedAt,
                deleted, reactions, attachments, mentions, mentionsRoom, threadRootSeq, thread);
    }
}
