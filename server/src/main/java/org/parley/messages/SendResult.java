package org.parley.messages;

import org.parley.bus.JsonPayload;

/**
 * The stored message; {@code duplicate} when this was a retry of a message already stored. {@code
 * json} is the message as clients see it, serialized once after commit for both the bus event and
 * the sender's answer; null until then.
 */
public record SendResult(Message message, boolean duplicate, JsonPayload json) implements BatchOutcome {
    SendResult(Message message, boolean duplicate) {
        this(message, duplicate, null);
    }

    /** The message as clients see it (the text every member receives with it). */
    @Override
    public JsonPayload json() {
        return json != null ? json : JsonPayload.of(message);
    }
}
