package org.parley.search;

import java.util.List;

/**
 * Where and when to look: the rooms (always a subset of the caller's rooms at the time of the
 * search; {@code roomsNamed} when the query named them with {@code in:}), optionally the senders,
 * the time range in epoch milliseconds (from inclusive, before exclusive) and whether a link, an
 * attached file or an attached image is required.
 */
public record SearchScope(List<Long> roomIds, boolean roomsNamed, List<Long> senderIds, Long createdFrom,
                          Long createdBefore, boolean hasLink, boolean hasFile, boolean hasImage) {
    public SearchScope {
        roomIds = List.copyOf(roomIds);
        senderIds = senderIds == null ? null : List.copyOf(senderIds);
    }

    /** True when nothing can match: no rooms, no matching sender, or an empty time range. */
    public boolean isEmpty() {
        return roomIds.isEmpty() || senderIds != null && senderIds.isEmpty()
                || createdFrom != null && createdBefore != null && createdFrom >= createdBefore;
    }
}
