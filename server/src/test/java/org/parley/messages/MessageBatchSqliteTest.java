package org.parley.messages;

import java.io.IOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class MessageBatchSqliteTest extends MessageBatchContract {
    MessageBatchSqliteTest() throws IOException {
        super(TestDatabase.sqlite(Files.createTempDirectory("parley-batch-")));
    }
}
