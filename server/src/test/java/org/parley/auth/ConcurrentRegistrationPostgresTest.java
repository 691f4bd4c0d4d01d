package org.parley.auth;

import org.parley.testkit.TestDatabase;

class ConcurrentRegistrationPostgresTest extends ConcurrentRegistrationContract {
    ConcurrentRegistrationPostgresTest() {
        super(TestDatabase.postgres());
    }
}
