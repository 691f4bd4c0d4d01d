package org.parley.messages;

/** Change the text of one's own message. */
public record EditMessage(long roomId, long seq, String content) {}
