package org.parley.chat;

import org.parley.testkit.TestDatabase;

class ThreadsPostgresTest extends ThreadsContract {
    ThreadsPostgresTest() {
        super(TestDatabase.postgres());
    }
}
