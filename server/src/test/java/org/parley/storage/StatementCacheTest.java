package org.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.ParleyConfig;
import org.sqlite.SQLiteConnection;

class StatementCacheTest {

    @TempDir
    Path dir;

    @Test
    void theSameSqlReusesOneCompiledStatementOnAConnection() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("a.db"));
             Handle h = Jdbi.create(c).open()) {
            StatementCache cache = new StatementCache(SQLiteConnection.class);
            StatementBuilder builder = cache.createStatementBuilder(c);
            StatementContext ctx = h.createQuery("SELECT 1").getContext();
            PreparedStatement first = builder.create(c, "SELECT ?", ctx);
            builder.close(c, "SELECT ?", first);
            PreparedStatement again = builder.create(c, "SELECT ?", ctx);
            assertThat(again).isSameAs(first);
            PreparedStatement whileLent = builder.create(c, "SELECT ?", ctx);
            assertThat(whileLent).isNotSameAs(again);
            assertThat(cache.createStatementBuilder(c)).isSameAs(builder);
        }
    }

    @Test
    void aConnectionThePoolClosedIsForgottenWithItsStatements() throws Exception {
        StatementCache cache = new StatementCache(SQLiteConnection.class);
        Connection first = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("e.db"));
        try (Handle h = Jdbi.create(first).open()) {
            StatementContext ctx = h.createQuery("SELECT 1").getContext();
            StatementBuilder builder = cache.createStatementBuilder(first);
            builder.close(first, "SELECT ?", builder.create(first, "SELECT ?", ctx));
        }
        assertThat(cache.connections()).isEqualTo(1);
        first.close();
        try (Connection second = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("e.db"))) {
            cache.createStatementBuilder(second);
            assertThat(cache.connections()).isEqualTo(1);
        }
    }

    @Test
    void cachedQueriesSeeWhatOtherConnectionsCommitAfterThem() {
        try (Database db = Database.open(new ParleyConfig.Database("jdbc:sqlite:" + dir.resolve("b.db"), "", "", 2))) {
            db.withHandle(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"));
            List<Integer> counts = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int n = i;
                db.inTransaction(h -> h.createUpdate("INSERT INTO notes (body) VALUES (:b)").bind("b", "note " + n).execute());
                counts.add(db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM notes").mapTo(Integer.class).one()));
            }
            assertThat(counts).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @Test
    void theSameQueryNestedInsideItsOwnResultsGetsAStatementOfItsOwn() {
        try (Database db = Database.open(new ParleyConfig.Database("jdbc:sqlite:" + dir.resolve("c.db"), "", "", 2))) {
            db.withHandle(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"));
            db.inTransaction(h -> {
                for (int i = 1; i <= 3; i++) h.execute("INSERT INTO notes (body) VALUES (?)", "note " + i);
                return null;
            });
            List<String> pairs = db.withHandle(h -> {
                List<String> out = new ArrayList<>();
                String sql = "SELECT id FROM notes WHERE id >= :from ORDER BY id";
                try (var outer = h.createQuery(sql).bind("from", 2).mapTo(Integer.class).stream()) {
                    outer.forEach(id -> out.add(id + ":" + h.createQuery(sql).bind("from", 1).mapTo(Integer.class).list()));
                }
                return out;
            });
            assertThat(pairs).containsExactly("2:[1, 2, 3]", "3:[1, 2, 3]");
        }
    }

    @Test
    void aFailedStatementLeavesTheCachedOneUsable() {
        try (Database db = Database.open(new ParleyConfig.Database("jdbc:sqlite:" + dir.resolve("d.db"), "", "", 1))) {
            db.withHandle(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)"));
            String insert = "INSERT INTO notes (body) VALUES (:b)";
            db.inTransaction(h -> h.createUpdate(insert).bind("b", "same").execute());
            boolean refused = false;
            try {
                db.inTransaction(h -> h.createUpdate(insert).bind("b", "same").execute());
            } catch (RuntimeException unique) {
                refused = true;
            }
            assertThat(refused).isTrue();
            db.inTransaction(h -> h.createUpdate(insert).bind("b", "other").execute());
            List<String> bodies = db.withHandle(h -> h.createQuery("SELECT body FROM notes ORDER BY id")
                    .mapTo(String.class).list());
            assertThat(bodies).containsExactly("same", "other");
        }
    }
}
