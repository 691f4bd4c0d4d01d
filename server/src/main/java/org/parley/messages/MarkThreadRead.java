package org.parley.messages;

/** Move the caller's read mark on the thread of root {@code rootSeq} forward to reply {@code seq}. */
public record MarkThreadRead(long roomId, long rootSeq, long seq) {}
