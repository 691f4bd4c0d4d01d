package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Presence in the web app has one source: the conversation header and the details panel agree
 * while a peer is online, once they went offline, and when a message of theirs arrives while
 * they have no connection; in a group too large to push every member's presence, the open
 * member list watches its members and follows them ({@code web/e2e/presence.mjs}).
 */
class PresenceBrowserTest {
    @Test
    void theHeaderAndTheDetailsAgreeOnAPeersPresence() throws Exception {
        BrowserScript script = BrowserScript.named("presence");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(4), Map.of());
        }
    }
}
