package org.parley.search;

import java.util.List;

/** How one piece of the query is looked up in the search indexes. */
public sealed interface TextMatch {
    /** Characters anywhere in the text, inside words too (the trigram index). At least {@value #MIN_CHARS} long. */
    record Substring(String text) implements TextMatch {
        public static final int MIN_CHARS = 3;
    }

    /** Whole words next to each other in this order; the last may be only the start of a word (the word index). */
    record Words(List<String> words, boolean prefixLast) implements TextMatch {
        public Words {
            words = List.copyOf(words);
            if (words.isEmpty()) throw new IllegalArgumentException("no words");
        }

        /**
         * True when every word is shorter than {@link Substring#MIN_CHARS}: words like "of", "to",
         * "me" or a two-letter start of a word are in a large share of all messages, so looking
         * them up in an index costs more than checking them on the rows other terms found.
         */
        public boolean onlyShortWords() {
            return words.stream().allMatch(w -> w.codePointCount(0, w.length()) < Substring.MIN_CHARS);
        }

        /** The words with one space between them, as the indexes' tokenizers read them. */
        public String joined() {
            return String.join(" ", words);
        }
    }
}
