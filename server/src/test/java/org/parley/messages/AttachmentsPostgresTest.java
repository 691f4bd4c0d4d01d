package org.parley.messages;

import org.parley.testkit.TestDatabase;

class AttachmentsPostgresTest extends AttachmentsContract {
    AttachmentsPostgresTest() {
        super(TestDatabase.postgres());
    }
}
