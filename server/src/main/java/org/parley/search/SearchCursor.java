package org.parley.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.parley.errors.ParleyException;

/**
 * Where the next page of a search starts. Results are ranked within windows of the newest
 * matches: {@code [windowFrom, windowBefore)} is the id range of the current window
 * ({@code windowFrom} is {@value #UNKNOWN} until the window is first read, {@code 0} for the last
 * window), {@code snapshot} the newest message id when the search began (later messages are
 * left out, so pages never shift), and {@code score}/{@code id} the last hit shown, if any.
 * Opaque to clients; {@code query} ties it to the query it was made for.
 */
record SearchCursor(long snapshot, long windowFrom, long windowBefore, boolean positioned, int score, long id,
                    int query) {
    static final long UNKNOWN = -1;
    private static final String VERSION = "s1";

    /** The start of a search over messages up to {@code snapshot}. */
    static SearchCursor first(long snapshot, int query) {
        return new SearchCursor(snapshot, UNKNOWN, snapshot + 1, false, 0, 0, query);
    }

    /** The start of the window just older than the one that begins at {@code currentFrom}. */
    SearchCursor olderWindow(long currentFrom) {
        return new SearchCursor(snapshot, UNKNOWN, currentFrom, false, 0, 0, query);
    }

    SearchCursor at(long from, int lastScore, long lastId) {
        return new SearchCursor(snapshot, from, windowBefore, true, lastScore, lastId, query);
    }

    /** True when a hit with this score and id comes after the position (score descending, then newest first). */
    boolean isBefore(int hitScore, long hitId) {
        return !positioned || hitScore < score || hitScore == score && hitId < id;
    }

    String encode() {
        String raw = String.join(".", VERSION, Long.toString(snapshot), Long.toString(windowFrom),
                Long.toString(windowBefore), positioned ? "1" : "0", Integer.toString(score), Long.toString(id),
                Integer.toHexString(query));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static SearchCursor decode(String encoded, int query) {
        try {
            String[] f = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII).split("\\.");
            if (f.length != 8 || !f[0].equals(VERSION) || !f[4].matches("[01]")) throw bad();
            SearchCursor c = new SearchCursor(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    f[4].equals("1"), Integer.parseInt(f[5]), Long.parseLong(f[6]), Integer.parseUnsignedInt(f[7], 16));
            if (c.snapshot < 0 || c.windowFrom < UNKNOWN || c.windowBefore < 1 || c.windowBefore > c.snapshot + 1) throw bad();
            if (c.query != query) {
                throw ParleyException.invalid("cursor", "This cursor belongs to a different search; start again without it.");
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw bad();
        }
    }

    /** A stable fingerprint of the query text, so a cursor is only used with the search it came from. */
    static int fingerprint(String q) {
        return q.strip().hashCode();
    }

    private static ParleyException bad() {
        return ParleyException.invalid("cursor", "The cursor is not valid; start again without it.");
    }
}
