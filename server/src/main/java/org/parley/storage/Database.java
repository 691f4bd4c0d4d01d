package org.parley.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.parley.config.ParleyConfig;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the schema migrations and the transaction helper that every store uses.
 * SQLite runs in WAL mode with foreign keys on and every transaction begun IMMEDIATE, so two
 * writers queue on the busy timeout instead of failing on a lock upgrade.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /**
     * How long a caller waits for a pooled connection before it is told the database is
     * unavailable: long enough for a busy pool, short enough that a client hears of an outage
     * long before it would give up waiting itself.
     */
    static final long CONNECTION_WAIT_MILLIS = 2_000;
    private static final String UNREACHABLE = "The database is unavailable; try again shortly.";

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(Dialect dialect, HikariDataSource dataSource) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        if (dialect == Dialect.SQLITE) {
            jdbi.setStatementBuilderFactory(new StatementCache(org.sqlite.SQLiteConnection.class));
        }
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(ParleyConfig.Database config) {
        Dialect dialect = Dialect.of(config.url());
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setPoolName("parley-db");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
        if (dialect == Dialect.SQLITE) {
            prepareDatabaseFile(config.url());
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("busy_timeout", "10000");
            hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            // a server that accepts connections and never answers must not hold the pool's
            // connection maker: opening a connection gives up after a few seconds (the URL may say otherwise)
            hikari.addDataSourceProperty("connectTimeout", "3");
            hikari.addDataSourceProperty("loginTimeout", "3");
            if (!config.user().isEmpty()) hikari.setUsername(config.user());
            if (!config.password().isEmpty()) hikari.setPassword(config.password());
        }
        HikariDataSource ds = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations(dialect.migrationLocation())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        log.info("Database ready: {} ({})", dialect, redact(config.url()));
        return new Database(dialect, ds);
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} in one transaction; commits when it returns, rolls back when it throws.
     * When the database cannot be reached (no connection within {@link #CONNECTION_WAIT_MILLIS},
     * or the connection fails), throws {@link ParleyException} {@code unavailable}.
     */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
        try {
            return jdbi.inTransaction(work);
        } catch (RuntimeException e) {
            throw unavailableIfUnreachable(e);
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode (single statements, reads); fails as {@link #inTransaction} does. */
    public <R, X extends Exception> R withHandle(HandleCallback<R, X> work) throws X {
        try {
            return jdbi.withHandle(work);
        } catch (RuntimeException e) {
            throw unavailableIfUnreachable(e);
        }
    }

    /**
     * True when {@code failure} is the database being out of reach rather than a refusal or a bug:
     * no pooled connection in time, or a connection that failed, anywhere in its causes.
     */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) return true;
            if (brokenConnection(t)) return true;
        }
        return false;
    }

    /** A connection failure as the driver reports it (SQLState class 08), as opposed to a pool that was only busy. */
    private static boolean brokenConnection(Throwable t) {
        return t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    /**
     * A failure that is the database being out of reach becomes {@code unavailable}. When a
     * connection broke (rather than the pool being busy), the pool's other connections, which most
     * likely broke with it, are retired (idle ones now, busy ones when returned), so that once the
     * database is back the next callers get fresh connections instead of failing one broken
     * connection at a time.
     */
    private RuntimeException unavailableIfUnreachable(RuntimeException e) {
        if (e instanceof ParleyException || !isUnreachable(e)) return e;
        boolean broken = false;
        for (Throwable t = e; t != null && !broken; t = t.getCause() == t ? null : t.getCause()) broken = brokenConnection(t);
        log.warn("Database unreachable: {}", e.getMessage());
        var pool = dataSource.getHikariPoolMXBean();
        if (broken && pool != null) pool.softEvictConnections();
        return new ParleyException(ErrorCode.UNAVAILABLE, UNREACHABLE);
    }

    /** True when a connection can be had and answers a trivial query within two seconds. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Creates the database's directory owner-only and the database file 0600 before SQLite opens
     * it; SQLite gives its -wal and -shm files the database file's permissions.
     */
    private static void prepareDatabaseFile(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) file = file.substring(0, q);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) return;
        Path db = Path.of(file).toAbsolutePath();
        try {
            OwnerOnlyFiles.directory(db.getParent());
            OwnerOnlyFiles.createFile(db);
            OwnerOnlyFiles.file(Path.of(db + "-wal"));
            OwnerOnlyFiles.file(Path.of(db + "-shm"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot prepare the database file " + db + ": " + e.getMessage(), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
