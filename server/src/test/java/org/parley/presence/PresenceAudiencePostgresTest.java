package org.parley.presence;

import org.parley.testkit.TestDatabase;

class PresenceAudiencePostgresTest extends PresenceAudienceContract {
    PresenceAudiencePostgresTest() {
        super(TestDatabase.postgres());
    }
}
