package org.parley.calls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class CallsSqliteTest extends CallsContract {
    CallsSqliteTest() {
        super(() -> {
            try {
                return TestDatabase.sqlite(Files.createTempDirectory("parley-calls-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
