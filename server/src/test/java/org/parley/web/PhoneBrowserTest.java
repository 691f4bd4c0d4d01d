package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * The whole chat flow on a 390×844 touch screen: one pane at a time with back navigation,
 * long-press actions, a lost connection, a group and its details, nothing wider than the
 * screen down to 320 px ({@code web/e2e/phone.mjs}). Saves the phone screenshot of the
 * documentation.
 */
class PhoneBrowserTest {
    @Test
    void theWholeFlowWorksOnAPhone() throws Exception {
        BrowserScript script = BrowserScript.named("phone");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(4),
                    Map.of("DOCS_SCREENSHOT_DIR", script.docsScreenshots().toString()));
        }
    }
}
