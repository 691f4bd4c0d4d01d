package org.parley.search;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.parley.storage.Dialect;
import org.postgresql.PGStatement;

/** SQL for search: the caller's rooms, users by name, and candidate messages through the dialect's indexes. */
final class SearchStore {
    private final Dialect dialect;
    private final SearchSql sql;

    SearchStore(Dialect dialect) {
        this.dialect = dialect;
        this.sql = dialect == Dialect.POSTGRES ? new PostgresSearchSql() : new SqliteSearchSql();
    }

    /** A room the user belongs to now; for a direct room, the other person's username and name. */
    record MemberRoom(long id, String kind, String name, String peerUsername, String peerName) {
        /** The name the user sees: a direct room is called after the other person. */
        String shownName() {
            return "direct".equals(kind) ? (peerName == null ? "" : peerName) : name;
        }
    }

    List<MemberRoom> memberRooms(Handle h, long userId) {
        return h.createQuery("""
                        SELECT r.id, r.kind, r.name, pu.username AS peer_username, pu.display_name AS peer_name
                          FROM room_members rm
                          JOIN rooms r ON r.id = rm.room_id
                          LEFT JOIN room_members pm ON r.kind = 'direct' AND pm.room_id = r.id AND pm.user_id <> rm.user_id
                          LEFT JOIN users pu ON pu.id = pm.user_id
                         WHERE rm.user_id = :user
                         ORDER BY r.id""")
                .bind("user", userId)
                .map((rs, ctx) -> new MemberRoom(rs.getLong("id"), rs.getString("kind"), rs.getString("name"),
                        rs.getString("peer_username"), rs.getString("peer_name")))
                .list();
    }

    List<Long> userIds(Handle h, Collection<String> usernames) {
        if (usernames.isEmpty()) return List.of();
        return h.createQuery("SELECT id FROM users WHERE username IN (<names>)")
                .bindList("names", List.copyOf(usernames)).mapTo(Long.class).list();
    }

    /** The newest message id, 0 when there are none. */
    long newestMessageId(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(id), 0) FROM messages").mapTo(Long.class).one();
    }

    List<RankedPager.Candidate> candidates(Handle h, TextCriteria text, SearchScope scope, long fromId, long beforeId,
                                           int limit) {
        SearchSql.Statement statement = sql.candidates(text, scope, fromId, beforeId, limit);
        if (dialect == Dialect.POSTGRES) {
            // a search reads about a hundred rows: parallel workers cost more to start than they save
            return h.inTransaction(tx -> {
                tx.execute("SET LOCAL max_parallel_workers_per_gather = 0");
                return run(tx, statement);
            });
        }
        return run(h, statement);
    }

    private List<RankedPager.Candidate> run(Handle h, SearchSql.Statement statement) {
        Query query = h.createQuery(statement.sql());
        statement.values().forEach((name, value) -> {
            if (value instanceof Long[] array) {
                query.bindArray(name, Long.class, (Object[]) array);
            } else {
                query.bindByType(name, value, value.getClass());
            }
        });
        if (dialect == Dialect.POSTGRES) {
            // plan with the actual values every time: how selective a search is depends entirely on them
            query.addCustomizer(new org.jdbi.v3.core.statement.StatementCustomizer() {
                @Override
                public void beforeExecution(java.sql.PreparedStatement stmt,
                                            org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
                    stmt.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
            });
        }
        return query.map((rs, ctx) -> new RankedPager.Candidate(rs.getLong(1), rs.getString(2))).list();
    }
}
