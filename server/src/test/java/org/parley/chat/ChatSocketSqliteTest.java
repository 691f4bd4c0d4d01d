package org.parley.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class ChatSocketSqliteTest extends ChatSocketContract {
    ChatSocketSqliteTest() {
        super(() -> {
            try {
                return TestDatabase.sqlite(Files.createTempDirectory("parley-socket-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
