package org.parley.messages;

import org.parley.bus.BusEvent;
import org.parley.bus.JsonPayload;

/** The bus events about messages: the message as clients see it, serialized once by the publisher. */
public final class MessageEvents {
    private MessageEvents() {}

    /** {@code message} was committed. */
    public static BusEvent.MessageCreated created(Message message) {
        return created(message, JsonPayload.of(message));
    }

    /** {@code message} was committed; {@code json} is it serialized already. */
    static BusEvent.MessageCreated created(Message message, JsonPayload json) {
        return new BusEvent.MessageCreated(message.roomId(), message.seq(), json);
    }

    /** {@code message} is the new state of an edited, deleted or reacted-to message. */
    static BusEvent.MessageChanged changed(Message message) {
        return new BusEvent.MessageChanged(message.roomId(), JsonPayload.of(message));
    }
}
