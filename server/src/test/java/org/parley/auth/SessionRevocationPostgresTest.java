package org.parley.auth;

import org.parley.testkit.TestDatabase;

class SessionRevocationPostgresTest extends SessionRevocationContract {
    SessionRevocationPostgresTest() {
        super(TestDatabase.postgres());
    }
}
