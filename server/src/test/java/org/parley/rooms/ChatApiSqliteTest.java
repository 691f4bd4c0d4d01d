package org.parley.rooms;

import org.parley.testkit.TestDatabase;

class ChatApiSqliteTest extends ChatApiContract {
    ChatApiSqliteTest() throws java.io.IOException {
        super(TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("parley-chat-")));
    }
}
