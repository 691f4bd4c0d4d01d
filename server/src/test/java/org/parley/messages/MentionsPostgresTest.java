package org.parley.messages;

import org.parley.testkit.TestDatabase;

class MentionsPostgresTest extends MentionsContract {
    MentionsPostgresTest() {
        super(TestDatabase.postgres());
    }
}
