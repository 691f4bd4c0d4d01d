package org.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testkit.Accounts;
import org.parley.testkit.TestServer;

/** The data directory and everything secret in it are the service account's alone. */
class DataFilePermissionsTest {

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static TestServer startIn(Path data) {
        return TestServer.start(null, Map.of("data-dir", data.toString(),
                "database-url", "jdbc:sqlite:" + data.resolve("parley.db")));
    }

    @Test
    void aNewDataDirectoryIsOwnerOnlyAndSoAreTheDatabaseAndTheSecret(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("data");
        try (TestServer server = startIn(data)) {
            Accounts.register(server.api(), "perms"); // a write, so the WAL files exist
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String file : new String[] {"parley.db", "parley.db-wal", "parley.db-shm", "jwt-secret"}) {
                Path p = data.resolve(file);
                assertThat(p).as(file).exists();
                assertThat(mode(p)).as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void filesLeftReadableByAnEarlierVersionAreTightenedAtStart(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("data");
        try (TestServer first = startIn(data)) {
            Accounts.register(first.api(), "perms_old");
        }
        Files.setPosixFilePermissions(data.resolve("parley.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data.resolve("jwt-secret"), PosixFilePermissions.fromString("rw-r--r--"));
        try (TestServer again = startIn(data)) {
            assertThat(mode(data.resolve("parley.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("jwt-secret"))).isEqualTo("rw-------");
        }
    }
}
