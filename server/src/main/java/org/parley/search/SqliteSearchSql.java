package org.parley.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Candidate queries for SQLite: one FTS5 MATCH on the trigram index {@code message_search}
 * (see the V3 migration for what it holds), which drives the query newest first so that a LIMIT
 * stops it early. Every piece of user text becomes an FTS5 string in double quotes, with inner
 * quotes doubled, so operators such as {@code AND}, {@code NEAR}, {@code *} or {@code :} typed by
 * the user stay literal. Room, sender, time, link and file conditions are also checked in SQL.
 * The index holds the names of a message's files after its text (V6), so their words match too.
 */
final class SqliteSearchSql implements SearchSql {
    /** White space and punctuation, which the index stores as single spaces (kept equal to the migration). */
    static final String SEPARATORS = "\t\n\r!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
            + "\u201c\u201d\u2018\u2019\u2014\u2013\u2026\u00ab\u00bb\u00a1\u00bf\u00b7";
    private static final char SENDER_MARK = '\u0001';
    private static final char ROOM_MARK = '\u0002';
    private static final int MARK_BASE = 0xE000;
    private static final int MARK_RADIX = 6400;

    @Override
    public Statement candidates(TextCriteria text, SearchScope scope, long fromId, long beforeId, int limit) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        List<String> required = new ArrayList<>(text.required().stream().map(SqliteSearchSql::phrase).toList());
        if (scope.senderIds() != null) required.add(any(scope.senderIds().stream().map(id -> mark(SENDER_MARK, id)).toList()));
        if (scope.roomsNamed()) required.add(any(scope.roomIds().stream().map(id -> mark(ROOM_MARK, id)).toList()));
        List<String> excluded = text.excluded().stream().map(SqliteSearchSql::phrase).toList();

        String id = required.isEmpty() ? "m.id" : "message_search.rowid";
        StringBuilder sql = new StringBuilder("SELECT m.id, m.content FROM ");
        if (required.isEmpty()) {
            sql.append("messages m");
            if (!excluded.isEmpty()) {
                where.add("NOT EXISTS (SELECT 1 FROM message_search WHERE message_search.rowid = m.id"
                        + " AND message_search MATCH :text)");
                values.put("text", String.join(" OR ", excluded));
            }
        } else {
            sql.append("message_search CROSS JOIN messages m ON m.id = message_search.rowid");
            where.add("message_search MATCH :text");
            String all = required.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" AND "));
            values.put("text", excluded.isEmpty() ? all : "(" + all + ") NOT (" + String.join(" OR ", excluded) + ")");
        }
        where.add(id + " >= :fromId AND " + id + " < :beforeId");
        values.put("fromId", fromId);
        values.put("beforeId", beforeId);
        where.add("m.kind = 'text' AND m.deleted_at IS NULL");
        where.add("m.room_id IN (SELECT value FROM json_each(:rooms))");
        values.put("rooms", jsonArray(scope.roomIds()));
        if (scope.senderIds() != null) {
            where.add("m.sender_id IN (SELECT value FROM json_each(:senders))");
            values.put("senders", jsonArray(scope.senderIds()));
        }
        if (scope.createdFrom() != null) {
            where.add("m.created_at >= :createdFrom");
            values.put("createdFrom", scope.createdFrom());
        }
        if (scope.createdBefore() != null) {
            where.add("m.created_at < :createdBefore");
            values.put("createdBefore", scope.createdBefore());
        }
        if (scope.hasLink()) where.add("(m.content LIKE '%http://%' OR m.content LIKE '%https://%')");
        if (scope.hasFile()) where.add("m.has_file = 1");
        if (scope.hasImage()) where.add("m.has_image = 1");
        sql.append(" WHERE ").append(String.join(" AND ", where))
                .append(" ORDER BY ").append(id).append(" DESC LIMIT :limit");
        values.put("limit", limit);
        return new Statement(sql.toString(), values);
    }

    /** One FTS5 string for a match, as the index stores text: words between spaces, parts of words as they are. */
    static String phrase(TextMatch match) {
        return switch (match) {
            case TextMatch.Substring(String text) -> quote(normalized(text));
            case TextMatch.Words w -> quote(" " + normalized(w.joined()) + (w.prefixLast() ? "" : " "));
        };
    }

    /** The text with white space and punctuation as single spaces, as the index stores it. */
    static String normalized(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = SEPARATORS.indexOf(c) >= 0 || c == ' ';
            if (!space) out.append(c);
            else if (out.isEmpty() || out.charAt(out.length() - 1) != ' ') out.append(' ');
        }
        return out.toString();
    }

    static String quote(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** The marker of a sender or room id in the index: a control character and two private-use characters. */
    static String mark(char kind, long id) {
        return quote(new String(new char[] {kind, (char) (MARK_BASE + id / MARK_RADIX % MARK_RADIX),
                (char) (MARK_BASE + id % MARK_RADIX)}));
    }

    private static String any(List<String> phrases) {
        return String.join(" OR ", phrases);
    }

    private static String jsonArray(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
