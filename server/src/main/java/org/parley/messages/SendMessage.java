package org.parley.messages;

/** Send a message to a room; a repeated {@code clientId} returns the message stored under it. */
public record SendMessage(long roomId, String content, String clientId, Long replyTo) {}
