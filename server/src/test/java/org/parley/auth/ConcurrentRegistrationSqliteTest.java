package org.parley.auth;

import org.parley.testkit.TestDatabase;

class ConcurrentRegistrationSqliteTest extends ConcurrentRegistrationContract {
    ConcurrentRegistrationSqliteTest() throws java.io.IOException {
        super(TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("parley-registration-")));
    }
}
