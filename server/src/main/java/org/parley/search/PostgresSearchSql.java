package org.parley.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidate queries for PostgreSQL: parts of words through the {@code pg_trgm} index on the
 * stored folded text ({@code LIKE}), whole words, prefixes and phrases through the index on the
 * stored {@code tsvector} (see the V3 migration; since V6 both hold the names of the message's
 * files after its text, so their words match too). The user's text is folded by the same database
 * functions as the stored columns, so both sides fold alike. With {@code from:} or {@code in:},
 * words of one or two letters are not looked up in the index: they are in a large share of all
 * messages, so they are checked on the sender's or the room's messages instead.
 * User text is always a bound value: LIKE wildcards in it are escaped, and tsqueries are built
 * from it by {@code phraseto_tsquery}, which has no operator syntax.
 */
final class PostgresSearchSql implements SearchSql {
    private static final String FOLDED = "m.search_text";
    private static final String VECTOR = "m.search_vector";

    @Override
    public Statement candidates(TextCriteria text, SearchScope scope, long fromId, long beforeId, int limit) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        where.add("m.kind = 'text' AND m.deleted_at IS NULL AND " + FOLDED + " IS NOT NULL");
        where.add("m.id >= :fromId AND m.id < :beforeId");
        values.put("fromId", fromId);
        values.put("beforeId", beforeId);
        // the caller's rooms are usually a large share of all messages: check them row by row rather
        // than intersect with the room index (which costs more than it saves), unless in: named a few
        where.add(scope.roomsNamed() ? "m.room_id = ANY(:rooms)" : "(m.room_id + 0) = ANY(:rooms)");
        values.put("rooms", scope.roomIds().toArray(Long[]::new));

        int n = 0;
        for (var s : text.required(TextMatch.Substring.class)) {
            where.add(FOLDED + " LIKE " + likePattern(values, "s" + n++, s.text()));
        }
        for (var s : text.excluded(TextMatch.Substring.class)) {
            where.add(FOLDED + " NOT LIKE " + likePattern(values, "s" + n++, s.text()));
        }
        // with from: or in:, short words are checked on that person's or room's messages
        boolean narrowedOtherwise = scope.senderIds() != null || scope.roomsNamed();
        List<String> words = new ArrayList<>();
        for (var w : text.required(TextMatch.Words.class)) {
            if (narrowedOtherwise && w.onlyShortWords()) {
                // checked on the rows found otherwise: "(... @@ ...) IS TRUE" is not an index condition
                where.add("(" + VECTOR + " @@ " + tsquery(values, "w" + n++, w) + ") IS TRUE");
            } else {
                words.add(tsquery(values, "w" + n++, w));
            }
        }
        List<String> notWords = new ArrayList<>();
        for (var w : text.excluded(TextMatch.Words.class)) notWords.add(tsquery(values, "w" + n++, w));
        if (!words.isEmpty()) {
            String query = String.join(" && ", words);
            if (!notWords.isEmpty()) query += " && !!(" + String.join(" || ", notWords) + ")";
            where.add(VECTOR + " @@ (" + query + ")");
        } else if (!notWords.isEmpty()) {
            where.add("NOT (" + VECTOR + " @@ (" + String.join(" || ", notWords) + "))");
        }

        if (scope.senderIds() != null) {
            where.add("m.sender_id = ANY(:senders)");
            values.put("senders", scope.senderIds().toArray(Long[]::new));
        }
        if (scope.createdFrom() != null) {
            where.add("m.created_at >= :createdFrom");
            values.put("createdFrom", scope.createdFrom());
        }
        if (scope.createdBefore() != null) {
            where.add("m.created_at < :createdBefore");
            values.put("createdBefore", scope.createdBefore());
        }
        if (scope.hasLink()) where.add("m.content ~* 'https?://'");
        if (scope.hasFile()) where.add("m.has_file");
        if (scope.hasImage()) where.add("m.has_image");
        String sql = "SELECT m.id, m.content FROM messages m WHERE " + String.join(" AND ", where)
                + " ORDER BY m.id DESC LIMIT :limit";
        values.put("limit", limit);
        return new Statement(sql, values);
    }

    /** {@code '%' || fold(text) || '%'} with the LIKE wildcards of the text escaped. */
    private static String likePattern(Map<String, Object> values, String name, String text) {
        values.put(name, text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        return "('%' || parley_search_fold(:" + name + ") || '%')";
    }

    private static String tsquery(Map<String, Object> values, String name, TextMatch.Words words) {
        values.put(name, words.joined());
        return "parley_search_phrase(:" + name + ", " + words.prefixLast() + ")";
    }
}
