package org.parley.chat;

import org.parley.testkit.TestDatabase;

class ChatSocketPostgresTest extends ChatSocketContract {
    ChatSocketPostgresTest() {
        super(TestDatabase::postgres);
    }
}
