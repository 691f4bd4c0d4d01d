package org.parley.chat;

import org.parley.testkit.TestDatabase;

class ThreadReadsPostgresTest extends ThreadReadsContract {
    ThreadReadsPostgresTest() {
        super(TestDatabase.postgres());
    }
}
