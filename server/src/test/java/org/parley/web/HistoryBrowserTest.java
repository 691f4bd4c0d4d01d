package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * A room with 10,000 messages in the web app: only what is on screen is rendered, older history
 * loads while scrolling up without jumps or duplicates, links and search results open the room
 * at an old message ({@code web/e2e/history.mjs}). The node allows the seeding rate.
 */
class HistoryBrowserTest {
    @Test
    void tenThousandMessagesStayLight() throws Exception {
        BrowserScript script = BrowserScript.named("history");
        try (TestServer server = TestServer.start(null,
                Map.of("messages-per-minute", "100000", "message-burst", "100000"))) {
            script.runAgainst(server, Duration.ofMinutes(5), Map.of());
        }
    }
}
