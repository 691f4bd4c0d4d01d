package org.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;

/**
 * The cheap hashing setting exists for benchmarks: accounts made under it keep working, and once
 * the setting is back to its default their hash is replaced by a full-strength one at sign-in.
 */
class PasswordHashUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void anAccountHashedCheaplyIsRehashedAtFullStrengthWhenItSignsIn() throws SQLException {
        TestDatabase database = TestDatabase.sqlite(dir);
        try (TestServer cheap = TestServer.start(database, Map.of("password-hash-memory-kib", "1024"))) {
            var registered = cheap.api().post("/api/auth/register",
                    Map.of("username", "benchy", "email", "benchy@example.com", "password", "correct horse"), null);
            assertThat(registered.status()).isEqualTo(201);
            assertThat(Argon2Function.getInstanceFromHash(storedHash(database)).getMemory()).isEqualTo(1024);
            var signedIn = cheap.api().post("/api/auth/login", Map.of("login", "benchy", "password", "correct horse"), null);
            assertThat(signedIn.status()).isEqualTo(200);
            assertThat(Argon2Function.getInstanceFromHash(storedHash(database)).getMemory())
                    .as("a hash as strong as the setting is left alone").isEqualTo(1024);
        }
        try (TestServer full = TestServer.start(database, Map.of())) {
            var wrong = full.api().post("/api/auth/login", Map.of("login", "benchy", "password", "wrong horse"), null);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(Argon2Function.getInstanceFromHash(storedHash(database)).getMemory())
                    .as("a failed sign-in changes nothing").isEqualTo(1024);

            var signedIn = full.api().post("/api/auth/login", Map.of("login", "benchy", "password", "correct horse"), null);
            assertThat(signedIn.status()).isEqualTo(200);
            Argon2Function upgraded = Argon2Function.getInstanceFromHash(storedHash(database));
            assertThat(upgraded.getMemory()).isEqualTo(PasswordHasher.DEFAULT_MEMORY_KIB);
            assertThat(upgraded.getIterations()).isEqualTo(2);

            var again = full.api().post("/api/auth/login", Map.of("login", "benchy", "password", "correct horse"), null);
            assertThat(again.status()).as("the new hash verifies the same password").isEqualTo(200);
        }
    }

    @Test
    void theHashMemoryHasALowerBound() {
        var problem = org.assertj.core.api.Assertions.catchThrowable(() -> org.parley.config.ConfigLoader.load(
                java.util.List.of("--password-hash-memory-kib", "512"), Map.of()));
        assertThat(problem).hasMessageContaining("password-hash-memory-kib");
    }

    private static String storedHash(TestDatabase database) throws SQLException {
        try (var c = DriverManager.getConnection(database.url());
                var rs = c.createStatement().executeQuery("SELECT password_hash FROM users WHERE username = 'benchy'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
