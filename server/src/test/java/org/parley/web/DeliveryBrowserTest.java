package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Live messages lost or overtaken on the way to a page (the script stands between the page and
 * the server) are each shown once, in order: the page syncs a hole from the end of the run it
 * holds and catches up on {@code resync_needed} ({@code web/e2e/delivery.mjs}).
 */
class DeliveryBrowserTest {
    @Test
    void messagesLostOrOvertakenOnTheWayAreShownOnceInOrder() throws Exception {
        BrowserScript script = BrowserScript.named("delivery");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(3), Map.of());
        }
    }
}
