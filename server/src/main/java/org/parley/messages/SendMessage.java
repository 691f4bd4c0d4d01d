package org.parley.messages;

import java.util.List;

/**
 * Send a message to a room; a repeated {@code clientId} returns the message stored under it.
 * {@code attachments} are ids of the sender's finished uploads (absent: none); with them,
 * {@code content} may be empty or absent.
 */
public record SendMessage(long roomId, String content, String clientId, Long replyTo, List<String> attachments) {}
