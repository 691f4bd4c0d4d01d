package org.parley.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class ThreadReadsSqliteTest extends ThreadReadsContract {
    ThreadReadsSqliteTest() {
        super(sqlite());
    }

    private static TestDatabase sqlite() {
        try {
            return TestDatabase.sqlite(Files.createTempDirectory("parley-thread-reads-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
