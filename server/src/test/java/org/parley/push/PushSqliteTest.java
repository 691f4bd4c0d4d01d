package org.parley.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class PushSqliteTest extends PushContract {
    PushSqliteTest() {
        super(() -> {
            try {
                return TestDatabase.sqlite(Files.createTempDirectory("parley-push-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
