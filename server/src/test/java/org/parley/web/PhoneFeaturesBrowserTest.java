package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Threads, mentions, notification levels and the theme on a 390×844 touch screen ({@code
 * web/e2e/phone-features.mjs}): the dark theme kept after a reload, a group set to "Mentions" in
 * its full-screen details, a mention picked by tapping a suggestion and highlighted for its
 * reader, and a thread opened from the long-press sheet as a full screen with Back.
 */
class PhoneFeaturesBrowserTest {
    @Test
    void threadsMentionsLevelsAndThemeWorkOnAPhone() throws Exception {
        BrowserScript script = BrowserScript.named("phone-features");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(3), Map.of());
        }
    }
}
