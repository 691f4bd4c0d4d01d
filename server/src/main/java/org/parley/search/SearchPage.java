package org.parley.search;

import java.util.List;
import org.parley.messages.Message;

/**
 * One page of search results, best first, and the cursor for the next page ({@code null} at the end).
 * A snippet is plain text in segments: concatenated they give the excerpt; {@code match} marks the
 * parts that matched, for the client to highlight without any HTML.
 */
public record SearchPage(List<Hit> hits, String nextCursor) {

    public record Hit(Message message, Room room, List<Segment> snippet, int score) {}

    /** The room of a hit, named as the caller sees it (a direct room by the other person's name). */
    public record Room(long id, String name, String kind) {}

    public record Segment(String text, boolean match) {}

    static SearchPage empty() {
        return new SearchPage(List.of(), null);
    }
}
