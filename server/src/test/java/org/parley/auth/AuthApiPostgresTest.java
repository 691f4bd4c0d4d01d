package org.parley.auth;

import org.parley.testkit.TestDatabase;

class AuthApiPostgresTest extends AuthApiContract {
    AuthApiPostgresTest() {
        super(TestDatabase.postgres());
    }
}
