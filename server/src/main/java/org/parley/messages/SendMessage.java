package org.parley.messages;

import java.util.List;

/**
 * Send a message to a room; a repeated {@code clientId} returns the message stored under it.
 * {@code attachments} are ids of the sender's finished uploads (absent: none); with them,
 * {@code content} may be empty or absent. {@code threadRootSeq} makes it a reply in the thread of
 * that top-level message of the room (absent: a top-level message, unless {@code replyTo} names a
 * reply in a thread, which puts it in that thread).
 */
public record SendMessage(long roomId, String content, String clientId, Long replyTo, List<String> attachments,
                          Long threadRootSeq) {

    public SendMessage(long roomId, String content, String clientId, Long replyTo, List<String> attachments) {
        this(roomId, content, clientId, replyTo, attachments, null);
    }
}
