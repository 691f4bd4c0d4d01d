package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Messages written offline, or while the server cannot be reached, wait as pending, survive a
 * reload and reach the other person exactly once, in order, when the sender is back; no promise
 * rejection goes unhandled meanwhile ({@code web/e2e/outbox.mjs}).
 */
class OutboxBrowserTest {
    @Test
    void messagesWrittenOfflineWaitSurviveAReloadAndArriveOnce() throws Exception {
        BrowserScript script = BrowserScript.named("outbox");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(3), Map.of());
        }
    }
}
