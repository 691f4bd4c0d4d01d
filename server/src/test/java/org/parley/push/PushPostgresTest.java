package org.parley.push;

import org.parley.testkit.TestDatabase;

class PushPostgresTest extends PushContract {
    PushPostgresTest() {
        super(TestDatabase::postgres);
    }
}
