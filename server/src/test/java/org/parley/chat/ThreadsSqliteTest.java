package org.parley.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class ThreadsSqliteTest extends ThreadsContract {
    ThreadsSqliteTest() {
        super(sqlite());
    }

    private static TestDatabase sqlite() {
        try {
            return TestDatabase.sqlite(Files.createTempDirectory("parley-threads-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
