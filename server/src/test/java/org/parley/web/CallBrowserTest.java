package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Two people call each other in a direct room through the web app, with Chromium's fake camera,
 * microphone and screen: video and audio arrive both ways (per getStats), mute stops outbound
 * audio, the camera goes off and on, a shared screen replaces the camera, the call goes on in the
 * call bar while chatting, "Leave call" ends it for both with its duration in the timeline, and a
 * declined and a missed call (a short ring timeout) show as such ({@code web/e2e/call.mjs}).
 */
class CallBrowserTest {
    private static final int RING_TIMEOUT_S = 4;

    @Test
    void twoPeopleCallAndTheTimelineTellsHowItWent() throws Exception {
        BrowserScript script = BrowserScript.named("call");
        try (TestServer server = TestServer.start(null, Map.of("call-ring-timeout", RING_TIMEOUT_S + "s"))) {
            script.runAgainst(server, Duration.ofMinutes(5), Map.of(
                    "CALL_RING_TIMEOUT_S", String.valueOf(RING_TIMEOUT_S),
                    "DOCS_SCREENSHOT_DIR", script.docsScreenshots().toString()));
        }
    }
}
