package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** User text reaches SQL only as bound values, and FTS5 expressions only as quoted strings. */
class SearchSqlTest {
    private static final SearchScope SCOPE = new SearchScope(List.of(1L, 2L), false, null, null, null, false, false, false);

    @Test
    void ftsStringsHoldTheTextAsTheIndexStoresItAndQuoteEverything() {
        assertThat(SqliteSearchSql.quote("say \"NEAR\" OR y*")).isEqualTo("\"say \"\"NEAR\"\" OR y*\"");
        assertThat(SqliteSearchSql.phrase(new TextMatch.Substring("PR-1234"))).isEqualTo("\"PR 1234\"");
        assertThat(SqliteSearchSql.phrase(new TextMatch.Substring("a(\"NEAR\")b"))).isEqualTo("\"a NEAR b\"");
        assertThat(SqliteSearchSql.phrase(new TextMatch.Words(List.of("deplo"), true))).isEqualTo("\" deplo\"");
        assertThat(SqliteSearchSql.phrase(new TextMatch.Words(List.of("exact", "phrase"), false))).isEqualTo("\" exact phrase \"");
        assertThat(SqliteSearchSql.normalized("a,\t\n  b…c")).isEqualTo("a b c");
    }

    @Test
    void sqliteCombinesEverythingInOneMatch() {
        TextCriteria text = new TextCriteria(List.of(new TextMatch.Substring("abc"), new TextMatch.Words(List.of("x"), true)),
                List.of(new TextMatch.Substring("def"), new TextMatch.Words(List.of("y"), false)));
        SearchScope scope = new SearchScope(List.of(7L), true, List.of(6401L), null, null, false, false, false);
        SearchSql.Statement s = new SqliteSearchSql().candidates(text, scope, 0, 9, 5);
        assertThat(s.sql()).startsWith("SELECT m.id, m.content FROM message_search CROSS JOIN messages m")
                .contains("ORDER BY message_search.rowid DESC");
        assertThat(s.values().get("text")).isEqualTo("((\"abc\") AND (\" x\") AND (\"\u0001\ue001\ue001\") AND (\"\u0002\ue000\ue007\"))"
                + " NOT (\"def\" OR \" y \")");
        SearchSql.Statement filtersOnly = new SqliteSearchSql().candidates(new TextCriteria(List.of(),
                List.of(new TextMatch.Substring("def"))), SCOPE, 0, 9, 5);
        assertThat(filtersOnly.sql()).startsWith("SELECT m.id, m.content FROM messages m WHERE NOT EXISTS");
    }

    @Test
    void postgresChecksShortWordsOnTheSendersMessagesButIndexesThemOtherwise() {
        TextMatch.Words shortPrefix = new TextMatch.Words(List.of("me"), true);
        TextCriteria fixAndShortPrefix = new TextCriteria(List.of(new TextMatch.Substring("fix"), shortPrefix), List.of());
        SearchScope fromSomeone = new SearchScope(List.of(1L), false, List.of(5L), null, null, false, false, false);
        assertThat(new PostgresSearchSql().candidates(fixAndShortPrefix, fromSomeone, 0, 9, 5).sql())
                .contains("(m.search_vector @@ parley_search_phrase(:w1, true)) IS TRUE")
                .contains("m.search_text IS NOT NULL") // lets the sender index (partial on it) serve the search
                .doesNotContain("AND m.search_vector @@");
        assertThat(new PostgresSearchSql().candidates(fixAndShortPrefix, SCOPE, 0, 9, 5).sql())
                .contains("AND m.search_vector @@ (parley_search_phrase(:w1, true))")
                .doesNotContain("IS TRUE");
        assertThat(TextCriteria.of(QueryParser.parse("fix me fix")).required()).hasSize(2);
    }

    @Test
    void noUserTextAppearsInTheSqlOfEitherDialect() {
        String evil = "'; DROP TABLE messages; --";
        TextCriteria text = new TextCriteria(
                List.of(new TextMatch.Substring(evil), new TextMatch.Words(List.of("drop", "table"), true)),
                List.of(new TextMatch.Substring("%_\\" + evil), new TextMatch.Words(List.of("messages"), false)));
        for (SearchSql sql : List.of(new SqliteSearchSql(), new PostgresSearchSql())) {
            SearchSql.Statement s = sql.candidates(text, SCOPE, 0, 100, 10);
            assertThat(s.sql()).doesNotContain("DROP").doesNotContain("drop").doesNotContain("messages;");
        }
        SearchSql.Statement pg = new PostgresSearchSql().candidates(text, SCOPE, 0, 100, 10);
        assertThat(pg.values()).containsValue("\\%\\_\\\\" + evil);
    }
}
