package org.parley.messages;

/** Add the caller's reaction to a message, or take it back when already there. */
public record React(long roomId, long seq, String emoji) {}
