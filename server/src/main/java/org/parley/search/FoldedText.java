package org.parley.search;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A text lower-cased with its accents removed, as the search indexes see it, with a map from
 * each folded character back to the span of the original text it came from. Matching runs on
 * the folded text; highlighting uses the original offsets.
 */
final class FoldedText {
    private final String original;
    private final String folded;
    private final int[] originalStart;
    private final int[] originalEnd;

    private FoldedText(String original, String folded, int[] originalStart, int[] originalEnd) {
        this.original = original;
        this.folded = folded;
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
    }

    static FoldedText of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int[] starts = new int[text.length() + 1];
        int[] ends = new int[text.length() + 1];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            String piece = fold(cp);
            if (piece.isEmpty() && n > 0) ends[n - 1] = next; // a lone accent belongs to the letter before it
            for (int k = 0; k < piece.length(); k++) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                }
                out.append(piece.charAt(k));
                starts[n] = i;
                ends[n] = next;
                n++;
            }
            i = next;
        }
        return new FoldedText(text, out.toString(), starts, ends);
    }

    /** The folded form of {@code text}. */
    static String fold(String text) {
        return of(text).folded;
    }

    private static String fold(int cp) {
        if (cp < 0x80) return String.valueOf((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        String decomposed = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK
                        && Character.getType(c) != Character.COMBINING_SPACING_MARK
                        && Character.getType(c) != Character.ENCLOSING_MARK)
                .forEach(b::appendCodePoint);
        return b.toString().toLowerCase(Locale.ROOT);
    }

    String original() {
        return original;
    }

    String folded() {
        return folded;
    }

    /** Where the folded range {@code [start, end)} lies in the original text. */
    int originalStart(int start) {
        return start < folded.length() ? originalStart[start] : original.length();
    }

    int originalEnd(int end) {
        return end > 0 ? originalEnd[end - 1] : 0;
    }

    /** True when the folded character at {@code index} is part of a word (a letter or a digit). */
    boolean isWordChar(int index) {
        if (index < 0 || index >= folded.length()) return false;
        int cp = Character.isLowSurrogate(folded.charAt(index)) ? folded.codePointBefore(index + 1) : folded.codePointAt(index);
        return Character.isLetterOrDigit(cp);
    }
}
