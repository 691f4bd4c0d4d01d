package org.parley.messages;

import org.parley.errors.ParleyException;

/** What became of one send in a batch: stored (a {@link SendResult}), or refused by the rules. */
sealed interface BatchOutcome permits SendResult, BatchOutcome.Refused {
    /** The send was refused; nothing of it was stored. */
    record Refused(ParleyException reason) implements BatchOutcome {}
}
