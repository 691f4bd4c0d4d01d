package org.parley.calls;

import org.parley.testkit.TestDatabase;

class CallsPostgresTest extends CallsContract {
    CallsPostgresTest() {
        super(TestDatabase::postgres);
    }
}
