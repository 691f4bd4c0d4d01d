package org.parley.auth;

import org.parley.testkit.TestDatabase;

class AuthApiSqliteTest extends AuthApiContract {
    AuthApiSqliteTest() throws java.io.IOException {
        super(TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("parley-auth-")));
    }
}
