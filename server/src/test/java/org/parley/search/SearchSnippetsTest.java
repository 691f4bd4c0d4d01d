package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSnippetsTest {
    private static List<SearchPage.Segment> snippet(String text, TextMatch... matches) {
        FoldedText folded = FoldedText.of(text);
        return Snippets.of(text, java.util.Arrays.stream(matches).flatMap(m -> MatchFinder.find(folded, m).stream()).toList());
    }

    private static SearchPage.Segment hit(String s) {
        return new SearchPage.Segment(s, true);
    }

    private static SearchPage.Segment plain(String s) {
        return new SearchPage.Segment(s, false);
    }

    @Test
    void marksEveryMatchInTheOriginalSpelling() {
        assertThat(snippet("Un Café, un CAFE", new TextMatch.Substring("cafe")))
                .containsExactly(plain("Un "), hit("Café"), plain(", un "), hit("CAFE"));
    }

    @Test
    void marksWholeWordsForPrefixesAndPhrases() {
        assertThat(snippet("the deployment went well", new TextMatch.Words(List.of("deplo"), true)))
                .containsExactly(plain("the "), hit("deployment"), plain(" went well"));
        assertThat(snippet("exact,  phrase here", new TextMatch.Words(List.of("exact", "phrase"), false)))
                .containsExactly(hit("exact, phrase"), plain(" here"));
    }

    @Test
    void cutsLongTextsAroundTheBestMatchAtSpaces() {
        String text = "alpha ".repeat(40) + "the needle\n\nsits here " + "omega ".repeat(40);
        List<SearchPage.Segment> s = snippet(text, new TextMatch.Substring("needle"));
        String joined = s.stream().map(SearchPage.Segment::text).reduce("", String::concat);
        assertThat(s.getFirst().text()).startsWith("\u2026alpha alpha").endsWith("alpha the ");
        assertThat(s.getFirst().match()).isFalse();
        assertThat(s).contains(hit("needle"));
        assertThat(joined).contains("needle sits here omega").endsWith("omega\u2026").hasSizeLessThan(Snippets.MAX_CHARS + 5);
    }

    @Test
    void withoutAMatchShowsTheBeginning() {
        assertThat(snippet("  just\ttext  ")).containsExactly(plain("just text"));
    }

    @Test
    void scoresWholeWordsAboveStartsAboveInsides() {
        List<TextMatch> error = List.of(new TextMatch.Substring("error"));
        int whole = Relevance.score(FoldedText.of("error: disk"), error);
        int start = Relevance.score(FoldedText.of("errors: disk"), error);
        int inside = Relevance.score(FoldedText.of("NullPointerError"), error);
        assertThat(whole).isGreaterThan(start);
        assertThat(start).isGreaterThan(inside);
    }
}
