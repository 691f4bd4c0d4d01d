package org.parley.search;

import java.util.Map;

/**
 * Builds the one query that finds candidate messages, in a database's own dialect: the ids and
 * texts of messages that match {@code text} within {@code scope}, with {@code fromId <= id < beforeId},
 * newest first, at most {@code limit}. User text reaches the database only as bound values; where a
 * full-text syntax is involved, each piece is quoted so that it can only ever be literal text.
 */
interface SearchSql {
    Statement candidates(TextCriteria text, SearchScope scope, long fromId, long beforeId, int limit);

    /** SQL and its named values; a {@code Long[]} value binds as an array. */
    record Statement(String sql, Map<String, Object> values) {}
}
