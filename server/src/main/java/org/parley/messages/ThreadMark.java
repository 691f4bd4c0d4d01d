package org.parley.messages;

/** A member's read mark on one thread: the root's seq, and the seq of the newest reply they read. */
public record ThreadMark(long rootSeq, long lastReadSeq) {}
