package org.parley.rooms;

import java.util.Comparator;

/** A user's seat in a room. */
public record MemberKey(long roomId, long userId) {
    /** The order rows are locked in: by room, then by user. */
    static final Comparator<MemberKey> ORDER =
            Comparator.comparingLong(MemberKey::roomId).thenComparingLong(MemberKey::userId);
}
