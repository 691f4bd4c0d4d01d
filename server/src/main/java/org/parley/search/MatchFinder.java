package org.parley.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where the query's text matches in a message, the way the indexes match it, and how well:
 * a whole word is a better match than the start of a word, which is better than the inside of one.
 */
final class MatchFinder {
    static final int INSIDE_WORD = 1;
    static final int WORD_START = 2;
    static final int WHOLE_WORD = 3;
    static final int PHRASE = 4;

    private MatchFinder() {}

    /** One place in the original text that matched, and how well. */
    record Match(int start, int end, int strength) {}

    /** Every place {@code match} is found in {@code text}, in order. */
    static List<Match> find(FoldedText text, TextMatch match) {
        return switch (match) {
            case TextMatch.Substring s -> substrings(text, FoldedText.fold(s.text()));
            case TextMatch.Words w -> words(text, w);
        };
    }

    private static List<Match> substrings(FoldedText text, String needle) {
        List<Match> found = new ArrayList<>();
        if (needle.isEmpty()) return found;
        String hay = text.folded();
        for (int at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length())) {
            int end = at + needle.length();
            boolean starts = !text.isWordChar(at - 1);
            boolean ends = !text.isWordChar(end);
            int strength = starts && ends ? WHOLE_WORD : starts ? WORD_START : INSIDE_WORD;
            found.add(new Match(text.originalStart(at), text.originalEnd(end), strength));
        }
        return found;
    }

    private static List<Match> words(FoldedText text, TextMatch.Words query) {
        List<String> wanted = query.words().stream().map(FoldedText::fold).toList();
        List<int[]> spans = wordSpans(text);
        String hay = text.folded();
        List<Match> found = new ArrayList<>();
        for (int k = 0; k + wanted.size() <= spans.size(); k++) {
            boolean exact = true;
            boolean ok = true;
            for (int j = 0; j < wanted.size() && ok; j++) {
                int[] span = spans.get(k + j);
                String word = hay.substring(span[0], span[1]);
                boolean last = j == wanted.size() - 1;
                if (word.equals(wanted.get(j))) continue;
                if (last && query.prefixLast() && word.startsWith(wanted.get(j))) {
                    exact = false;
                } else {
                    ok = false;
                }
            }
            if (!ok) continue;
            int strength = wanted.size() > 1 ? PHRASE : exact ? WHOLE_WORD : WORD_START;
            int[] first = spans.get(k);
            int[] last = spans.get(k + wanted.size() - 1);
            found.add(new Match(text.originalStart(first[0]), text.originalEnd(last[1]), strength));
        }
        return found;
    }

    /** The {@code [start, end)} of every word (run of letters and digits) in the folded text. */
    private static List<int[]> wordSpans(FoldedText text) {
        List<int[]> spans = new ArrayList<>();
        String s = text.folded();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && !text.isWordChar(i)) i++;
            int start = i;
            while (i < s.length() && text.isWordChar(i)) i++;
            if (i > start) spans.add(new int[] {start, i});
        }
        return spans;
    }
}
