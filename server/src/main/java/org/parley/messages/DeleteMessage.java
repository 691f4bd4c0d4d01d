package org.parley.messages;

/** Delete a message, leaving a tombstone. */
public record DeleteMessage(long roomId, long seq) {}
