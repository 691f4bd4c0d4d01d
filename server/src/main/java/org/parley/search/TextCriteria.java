package org.parley.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the text of a message must and must not contain. A bare word of three or more characters
 * is found anywhere, parts of words included ({@code 1234} in {@code PR-1234}, {@code error} in
 * {@code NullPointerError}); a shorter one is a whole word, or the start of a word while it is
 * still being typed. Quotes ask for whole words in order; {@code *} for the start of a word.
 */
public record TextCriteria(List<TextMatch> required, List<TextMatch> excluded) {
    /** A prefix shorter than this is taken as a whole word. */
    public static final int MIN_PREFIX_CHARS = 2;

    public TextCriteria {
        required = List.copyOf(required);
        excluded = List.copyOf(excluded);
    }

    public static TextCriteria of(List<QueryPart> parts) {
        List<TextMatch> required = new ArrayList<>();
        List<TextMatch> excluded = new ArrayList<>();
        for (QueryPart part : parts) {
            switch (part) {
                case QueryPart.TextPart text -> match(text).filter(m -> !required.contains(m)).ifPresent(required::add);
                case QueryPart.Excluded(QueryPart.TextPart text) ->
                        match(text).filter(m -> !excluded.contains(m)).ifPresent(excluded::add);
                default -> { }
            }
        }
        return new TextCriteria(required, excluded);
    }

    public boolean isEmpty() {
        return required.isEmpty() && excluded.isEmpty();
    }

    /** Only the given kind of match, in order. */
    public <T extends TextMatch> List<T> required(Class<T> kind) {
        return required.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public <T extends TextMatch> List<T> excluded(Class<T> kind) {
        return excluded.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static java.util.Optional<TextMatch> match(QueryPart.TextPart part) {
        return switch (part) {
            case QueryPart.Word(String text, boolean typing) ->
                    text.codePointCount(0, text.length()) >= TextMatch.Substring.MIN_CHARS
                            ? java.util.Optional.of(new TextMatch.Substring(text))
                            : words(text, typing);
            case QueryPart.Phrase(String text) -> words(text, false);
            case QueryPart.Prefix(String text) -> words(text, true);
        };
    }

    /** The words of {@code text}; a one-letter last word is never a prefix (it would match nearly everything). */
    private static java.util.Optional<TextMatch> words(String text, boolean prefixLast) {
        List<String> words = Arrays.stream(text.split("[^\\p{L}\\p{N}\\p{M}]+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) return java.util.Optional.empty();
        String last = words.getLast();
        boolean prefix = prefixLast && last.codePointCount(0, last.length()) >= MIN_PREFIX_CHARS;
        return java.util.Optional.of(new TextMatch.Words(words, prefix));
    }
}
