package org.parley.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pages through matches best first, without repeats or gaps. Matches are taken in windows of the
 * {@value #WINDOW} newest (below the snapshot); within a window they are ordered by score, then
 * newest first. When a window runs out, the next older window follows. A query with fewer matches
 * than a window is therefore ranked purely by relevance; a broad one shows the best of the recent
 * matches first. Each page re-reads only its window's id range, so a message sent or deleted
 * meanwhile cannot shift the others.
 */
final class RankedPager {
    static final int WINDOW = 100;

    /** A match: its id and text. */
    record Candidate(long id, String content) {}

    record Ranked(Candidate candidate, int score) {}

    /** Matches with {@code fromId <= id < beforeId}, newest first, at most {@code limit}. */
    @FunctionalInterface
    interface Source {
        List<Candidate> newestFirst(long fromId, long beforeId, int limit);
    }

    @FunctionalInterface
    interface Scorer {
        int score(Candidate candidate);
    }

    record Page(List<Ranked> hits, SearchCursor next) {}

    private final int window;

    RankedPager() {
        this(WINDOW);
    }

    RankedPager(int window) {
        this.window = window;
    }

    Page page(Source source, Scorer scorer, SearchCursor start, int limit) {
        List<Ranked> out = new ArrayList<>(limit);
        SearchCursor cursor = start;
        while (true) {
            long from;
            List<Candidate> candidates;
            if (cursor.windowFrom() == SearchCursor.UNKNOWN) {
                candidates = source.newestFirst(0, cursor.windowBefore(), window + 1);
                if (candidates.size() > window) {
                    candidates = candidates.subList(0, window);
                    from = candidates.getLast().id();
                } else {
                    from = 0;
                }
            } else {
                from = cursor.windowFrom();
                candidates = source.newestFirst(from, cursor.windowBefore(), window * 2);
            }
            SearchCursor position = cursor;
            List<Ranked> ranked = candidates.stream()
                    .map(c -> new Ranked(c, scorer.score(c)))
                    .filter(r -> position.isBefore(r.score(), r.candidate().id()))
                    .sorted(Comparator.comparingInt(Ranked::score).reversed()
                            .thenComparing(Comparator.comparingLong((Ranked r) -> r.candidate().id()).reversed()))
                    .toList();
            for (Ranked r : ranked) {
                if (out.size() == limit) {
                    Ranked last = out.getLast();
                    return new Page(out, cursor.at(from, last.score(), last.candidate().id()));
                }
                out.add(r);
            }
            if (from == 0) return new Page(out, null);
            cursor = cursor.olderWindow(from);
            if (out.size() == limit) return new Page(out, cursor);
        }
    }
}
