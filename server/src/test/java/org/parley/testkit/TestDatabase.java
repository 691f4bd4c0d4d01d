package org.parley.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A database for one test class: SQLite in a temporary directory, or a freshly created PostgreSQL
 * database on the local server (dropped on close). PostgreSQL is required when {@code CI=true};
 * elsewhere its tests are skipped, with a message, when no server answers.
 */
public final class TestDatabase implements AutoCloseable {
    /** Connection URL of an existing database used to create and drop the per-test ones. */
    private static final String ADMIN_URL = System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String url;
    private final String pgName;

    private TestDatabase(String url, String pgName) {
        this.url = url;
        this.pgName = pgName;
    }

    public static TestDatabase sqlite(Path dir) {
        return new TestDatabase("jdbc:sqlite:" + dir.resolve("parley.db"), null);
    }

    public static TestDatabase postgres() {
        String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            requireOrSkip("PostgreSQL at " + ADMIN_URL + " is unreachable (" + e.getMessage() + ")");
        }
        return new TestDatabase(ADMIN_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), name);
    }

    public String url() {
        return url;
    }

    /** The PostgreSQL server's address (host and port of the URL). */
    public java.net.InetSocketAddress address() {
        var m = java.util.regex.Pattern.compile("//([^/:]+):(\\d+)/").matcher(url);
        if (!m.find()) throw new IllegalStateException("no host:port in " + url);
        return new java.net.InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    /**
     * This PostgreSQL database, reached through {@code proxy} (which forwards to {@link #address()}).
     * Closing either drops the database.
     */
    public TestDatabase through(TcpProxy proxy) {
        return new TestDatabase(url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"), pgName);
    }

    public boolean isPostgres() {
        return pgName != null;
    }

    @Override
    public void close() {
        if (pgName == null) return;
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + pgName + ": " + e.getMessage());
        }
    }

    /** Fails under CI (where the service must exist), otherwise skips the test with the reason. */
    public static void requireOrSkip(String problem) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(problem + " - required when CI=true");
        }
        System.err.println("SKIPPED: " + problem);
        Assumptions.abort(problem + "; skipping (set CI=true to make this a failure)");
    }
}
