package org.parley.presence;

import java.io.IOException;
import java.nio.file.Files;
import org.parley.testkit.TestDatabase;

class PresenceAudienceSqliteTest extends PresenceAudienceContract {
    PresenceAudienceSqliteTest() throws IOException {
        super(TestDatabase.sqlite(Files.createTempDirectory("parley-audience-")));
    }
}
