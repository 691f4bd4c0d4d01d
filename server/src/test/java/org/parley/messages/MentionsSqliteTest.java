package org.parley.messages;

import java.io.IOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class MentionsSqliteTest extends MentionsContract {
    MentionsSqliteTest() throws IOException {
        super(TestDatabase.sqlite(Files.createTempDirectory("parley-mentions-")));
    }
}
