package org.parley.messages;

import java.util.List;
import org.parley.auth.Principal;

/** A message to send: validated before it is queued for the writer. {@code attachments} is never null. */
record SendRequest(Principal sender, long roomId, String content, String clientId, Long replyTo,
                   List<String> attachments, Long threadRootSeq) {

    SendRequest(Principal sender, long roomId, String content, String clientId, Long replyTo, List<String> attachments) {
        this(sender, roomId, content, clientId, replyTo, attachments, null);
    }
}
