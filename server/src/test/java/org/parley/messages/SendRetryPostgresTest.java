package org.parley.messages;

import org.parley.testkit.TestDatabase;

class SendRetryPostgresTest extends SendRetryContract {
    SendRetryPostgresTest() {
        super(TestDatabase.postgres());
    }
}
