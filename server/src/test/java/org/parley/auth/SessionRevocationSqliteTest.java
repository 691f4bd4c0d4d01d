package org.parley.auth;

import org.parley.testkit.TestDatabase;

class SessionRevocationSqliteTest extends SessionRevocationContract {
    SessionRevocationSqliteTest() throws java.io.IOException {
        super(TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("parley-revocation-")));
    }
}
