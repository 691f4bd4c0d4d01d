package org.parley.messages;

import org.parley.testkit.TestDatabase;

class SendRetrySqliteTest extends SendRetryContract {
    SendRetrySqliteTest() throws java.io.IOException {
        super(TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("parley-retry-")));
    }
}
