package org.parley.rooms;

import org.parley.testkit.TestDatabase;

class ChatApiPostgresTest extends ChatApiContract {
    ChatApiPostgresTest() {
        super(TestDatabase.postgres());
    }
}
