package org.parley.messages;

import org.parley.auth.Principal;

/** A message to send: validated before it is queued for the writer. */
record SendRequest(Principal sender, long roomId, String content, String clientId, Long replyTo) {}
