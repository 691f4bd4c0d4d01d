package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.errors.ParleyException;
import org.parley.search.QueryPart.After;
import org.parley.search.QueryPart.Before;
import org.parley.search.QueryPart.Excluded;
import org.parley.search.QueryPart.From;
import org.parley.search.QueryPart.HasLink;
import org.parley.search.QueryPart.InRoom;
import org.parley.search.QueryPart.Phrase;
import org.parley.search.QueryPart.Prefix;
import org.parley.search.QueryPart.Word;

class SearchQueryParserTest {

    @Test
    void readsWordsPhrasesPrefixesAndExclusions() {
        assertThat(QueryParser.parse("deploy \"exact phrase\" deplo* -staging -\"in ci\" -prod*")).containsExactly(
                new Word("deploy", false), new Phrase("exact phrase"), new Prefix("deplo"),
                new Excluded(new Word("staging", false)), new Excluded(new Phrase("in ci")),
                new Excluded(new Prefix("prod")));
    }

    @Test
    void theLastWordIsBeingTypedUnlessASpaceFollows() {
        assertThat(QueryParser.parse("deploy stag")).containsExactly(new Word("deploy", false), new Word("stag", true));
        assertThat(QueryParser.parse("deploy stag ")).containsExactly(new Word("deploy", false), new Word("stag", false));
    }

    @Test
    void readsFilters() {
        assertThat(QueryParser.parse("from:@Alice in:#general in:\"team chat\" before:2025-03-31 after:2025-01-01 has:link"))
                .containsExactly(new From("alice"), new InRoom("general"), new InRoom("team chat"),
                        new Before(LocalDate.of(2025, 3, 31)), new After(LocalDate.of(2025, 1, 1)), new HasLink());
        assertThat(QueryParser.parse("FROM:bob HAS:Links")).containsExactly(new From("bob"), new HasLink());
    }

    @Test
    void forgivesWhatHappensWhileTyping() {
        assertThat(QueryParser.parse("\"unclosed phrase")).containsExactly(new Phrase("unclosed phrase"));
        assertThat(QueryParser.parse("- * -* \"\" () from: in: before:")).isEmpty();
        assertThat(QueryParser.parse("(deploy), *now")).containsExactly(new Word("deploy", false), new Word("now", true));
        assertThat(QueryParser.parse("PR-1234 foo:bar")).containsExactly(new Word("PR-1234", false), new Word("foo:bar", true));
    }

    @Test
    void operatorsOfTheIndexesAreJustWords() {
        List<QueryPart> parts = QueryParser.parse("NEAR(a b) OR x AND ^y");
        assertThat(parts).containsExactly(new Word("NEAR(a", false), new Word("b", false), new Word("OR", false), new Word("x", false),
                new Word("AND", false), new Word("y", true));
    }

    @Test
    void refusesWhatCannotBeMeant() {
        for (String q : List.of("", "  ", "x".repeat(501), "a\u0000b", "a\u0007b", "before:2025-02-30", "after:tomorrow",
                "has:emoji", "-from:bob", "a b c d e f g h i j k l m n o p q")) {
            assertThatThrownBy(() -> QueryParser.parse(q)).as(q).isInstanceOf(ParleyException.class)
                    .extracting(e -> ((ParleyException) e).fields().keySet()).isEqualTo(java.util.Set.of("q"));
        }
        assertThat(QueryParser.parse("x".repeat(500))).hasSize(1);
        assertThat(QueryParser.parse("tab\tand\nnewline")).hasSize(3);
    }

    @Test
    void shortWordsAreWholeWordsAndLongerOnesAreFoundInsideWords() {
        TextCriteria text = TextCriteria.of(QueryParser.parse("go error \"pr 12\" ku"));
        assertThat(text.required()).containsExactly(new TextMatch.Words(List.of("go"), false),
                new TextMatch.Substring("error"), new TextMatch.Words(List.of("pr", "12"), false),
                new TextMatch.Words(List.of("ku"), true));
    }
}
