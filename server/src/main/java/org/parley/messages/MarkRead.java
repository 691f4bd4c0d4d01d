package org.parley.messages;

/** Move the caller's read mark in a room forward to {@code seq}. */
public record MarkRead(long roomId, long seq) {}
