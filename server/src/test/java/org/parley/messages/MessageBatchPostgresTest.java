package org.parley.messages;

import org.parley.testkit.TestDatabase;

class MessageBatchPostgresTest extends MessageBatchContract {
    MessageBatchPostgresTest() {
        super(TestDatabase.postgres());
    }
}
