package org.parley.search;

import java.util.List;

/**
 * How well a message matches, as a whole number that depends only on the query and the message
 * text (never on the rest of the database), so that the same message always gets the same score
 * and pages of results stay stable. Each required piece adds 100 per step of match strength
 * (inside a word, start of a word, whole word, phrase) and 10 per extra occurrence (up to four);
 * shorter messages get up to 9 more.
 */
final class Relevance {
    private Relevance() {}

    static int score(FoldedText text, List<TextMatch> required) {
        int score = 0;
        for (TextMatch match : required) {
            List<MatchFinder.Match> found = MatchFinder.find(text, match);
            if (found.isEmpty()) continue;
            int best = found.stream().mapToInt(MatchFinder.Match::strength).max().orElse(0);
            score += best * 100 + Math.min(found.size() - 1, 4) * 10;
        }
        return score + Math.max(0, 9 - text.folded().length() / 40);
    }
}
