package org.parley.storage;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps prepared statements open per physical connection, so a statement that runs again is not
 * compiled again. SQLite's driver compiles every statement from scratch (and an INSERT into
 * {@code messages} also compiles the search triggers), which made compiling the largest cost of
 * storing a message. PostgreSQL's driver caches prepared statements itself and does not use this.
 *
 * <p>Statements are prepared on the connection under the pool's proxy, so they outlive one
 * borrow of it; they are closed when evicted (least recently used first) and, with the
 * connection, when the pool retires it, after which the cache forgets that connection. A statement is lent to one caller at a time: the same SQL
 * run again while its first result is still open gets a statement of its own.
 */
final class StatementCache implements StatementBuilderFactory {

    static final int MAX_SQL_PER_CONNECTION = 256;
    private static final int MAX_IDLE_PER_SQL = 4;

    private final Class<? extends Connection> physicalType;
    private final Map<Connection, PerConnection> byConnection = new IdentityHashMap<>();

    StatementCache(Class<? extends Connection> physicalType) {
        this.physicalType = physicalType;
    }

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        Connection physical;
        try {
            physical = connection.unwrap(physicalType);
        } catch (SQLException notWrapped) {
            return new DefaultStatementBuilder();
        }
        synchronized (byConnection) {
            // connections the pool has retired are closed: forget them (their statements closed with them)
            byConnection.keySet().removeIf(StatementCache::isClosed);
            return byConnection.computeIfAbsent(physical, c -> new PerConnection(physicalType));
        }
    }

    /** How many connections have statements cached (for tests). */
    int connections() {
        synchronized (byConnection) {
            return byConnection.size();
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** The statements of one connection; used by the one thread that holds the connection. */
    private static final class PerConnection implements StatementBuilder {
        private final Class<? extends Connection> physicalType;
        private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
        private final Map<Key, ArrayDeque<PreparedStatement>> idle =
                new LinkedHashMap<>(64, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, ArrayDeque<PreparedStatement>> eldest) {
                        if (size() <= MAX_SQL_PER_CONNECTION) return false;
                        eldest.getValue().forEach(PerConnection::closeQuietly);
                        return true;
                    }
                };
        private final Map<Statement, Key> lent = new IdentityHashMap<>();

        PerConnection(Class<? extends Connection> physicalType) {
            this.physicalType = physicalType;
        }

        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
            return plain.create(conn, ctx);
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return plain.createCall(conn, sql, ctx);
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isConcurrentUpdatable()) {
                return plain.create(conn, sql, ctx);
            }
            Key key = new Key(sql, ctx.isReturningGeneratedKeys(),
                    ctx.isReturningGeneratedKeys() ? ctx.getGeneratedKeysColumnNames() : new String[0]);
            ArrayDeque<PreparedStatement> free = idle.get(key);
            PreparedStatement statement = free == null ? null : free.poll();
            if (statement == null || statement.isClosed()) {
                statement = prepare(conn.unwrap(physicalType), key);
            }
            lent.put(statement, key);
            return statement;
        }

        private static PreparedStatement prepare(Connection physical, Key key) throws SQLException {
            if (!key.generatedKeys()) {
                return physical.prepareStatement(key.sql());
            }
            return key.keyColumns().length > 0
                    ? physical.prepareStatement(key.sql(), key.keyColumns())
                    : physical.prepareStatement(key.sql(), Statement.RETURN_GENERATED_KEYS);
        }

        @Override
        public void close(Connection conn, String sql, Statement statement) throws SQLException {
            Key key = lent.remove(statement);
            if (key == null || statement.isClosed()) {
                plain.close(conn, sql, statement);
                return;
            }
            PreparedStatement prepared = (PreparedStatement) statement;
            try {
                prepared.clearParameters();
                prepared.clearBatch();
            } catch (SQLException broken) {
                closeQuietly(prepared);
                return;
            }
            ArrayDeque<PreparedStatement> free = idle.computeIfAbsent(key, k -> new ArrayDeque<>(2));
            if (free.size() < MAX_IDLE_PER_SQL) {
                free.push(prepared);
            } else {
                closeQuietly(prepared);
            }
        }

        private static void closeQuietly(Statement statement) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is going away; its statements go with it
            }
        }
    }

    private record Key(String sql, boolean generatedKeys, String[] keyColumns) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && generatedKeys == k.generatedKeys && sql.equals(k.sql)
                    && Arrays.equals(keyColumns, k.keyColumns);
        }

        @Override
        public int hashCode() {
            return sql.hashCode() * 31 + Arrays.hashCode(keyColumns) + (generatedKeys ? 1 : 0);
        }
    }
}
