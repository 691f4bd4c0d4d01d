package org.parley.messages;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.parley.storage.Dialect;

/** What other features read of messages (search loads its hits through it), on the caller's handle. */
public final class MessageReader {
    private final MessageStore messages;

    public MessageReader(Dialect dialect) {
        this.messages = new MessageStore(dialect);
    }

    /** These messages, with their reactions and attachments, in no particular order; ids that do not exist are left out. */
    public List<Message> byIds(Handle h, Collection<Long> ids) {
        return messages.byIds(h, ids);
    }
}
