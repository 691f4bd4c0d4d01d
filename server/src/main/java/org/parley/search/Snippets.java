package org.parley.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The part of a message to show in a search result: at most about {@value #MAX_CHARS} characters
 * around the best match, cut at spaces, as plain-text segments that say which parts matched.
 * Runs of white space become one space; an ellipsis marks text left out at either end.
 */
final class Snippets {
    static final int MAX_CHARS = 160;
    private static final int LEAD = 50;
    private static final String ELLIPSIS = "\u2026";

    private Snippets() {}

    static List<SearchPage.Segment> of(String text, List<MatchFinder.Match> matches) {
        List<MatchFinder.Match> sorted = matches.stream().sorted(Comparator.comparingInt(MatchFinder.Match::start)).toList();
        MatchFinder.Match anchor = sorted.stream()
                .max(Comparator.comparingInt(MatchFinder.Match::strength).thenComparing(m -> -m.start())).orElse(null);
        int start = 0;
        int end = text.length();
        if (text.length() > MAX_CHARS) {
            if (anchor != null && anchor.start() > LEAD) {
                start = anchor.start() - LEAD;
                int space = indexOfSpace(text, start, anchor.start());
                if (space >= 0) start = space + 1;
            }
            end = Math.min(text.length(), start + MAX_CHARS);
            int keep = anchor == null ? start : Math.min(anchor.end(), end);
            int space = lastIndexOfSpace(text, keep, end);
            if (end < text.length() && space > keep) end = space;
            if (start > 0 && Character.isLowSurrogate(text.charAt(start))) start--;
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) end++;
        }
        List<SearchPage.Segment> segments = new ArrayList<>();
        if (start > 0) segments.add(new SearchPage.Segment(ELLIPSIS, false));
        int at = start;
        for (MatchFinder.Match m : sorted) {
            int s = Math.max(m.start(), at);
            int e = Math.min(m.end(), end);
            if (s >= e) continue;
            if (s > at) add(segments, text.substring(at, s), false);
            add(segments, text.substring(s, e), true);
            at = e;
        }
        if (at < end) add(segments, text.substring(at, end), false);
        if (end < text.length()) add(segments, ELLIPSIS, false);
        return trimmed(segments);
    }

    private static void add(List<SearchPage.Segment> segments, String raw, boolean match) {
        String text = raw.replaceAll("\\s+", " ");
        if (text.isEmpty()) return;
        if (!segments.isEmpty() && segments.getLast().match() == match) {
            text = segments.removeLast().text() + text;
        }
        segments.add(new SearchPage.Segment(text, match));
    }

    private static List<SearchPage.Segment> trimmed(List<SearchPage.Segment> segments) {
        if (segments.isEmpty()) return segments;
        SearchPage.Segment first = segments.getFirst();
        segments.set(0, new SearchPage.Segment(first.text().stripLeading(), first.match()));
        SearchPage.Segment last = segments.getLast();
        segments.set(segments.size() - 1, new SearchPage.Segment(last.text().stripTrailing(), last.match()));
        segments.removeIf(s -> s.text().isEmpty());
        return List.copyOf(segments);
    }

    private static int indexOfSpace(String s, int from, int to) {
        for (int i = from; i < to; i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    private static int lastIndexOfSpace(String s, int from, int to) {
        for (int i = to; i > from; i--) if (i < s.length() && Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }
}
