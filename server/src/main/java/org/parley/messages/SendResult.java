package org.parley.messages;

/** The stored message; {@code duplicate} when this was a retry of a message already stored. */
public record SendResult(Message message, boolean duplicate) implements BatchOutcome {}
