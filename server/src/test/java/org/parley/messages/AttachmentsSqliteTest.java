package org.parley.messages;

import java.io.IOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class AttachmentsSqliteTest extends AttachmentsContract {
    AttachmentsSqliteTest() throws IOException {
        super(TestDatabase.sqlite(Files.createTempDirectory("parley-attachments-")));
    }
}
