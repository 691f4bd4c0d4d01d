package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Drives the built web app in Debian's Chromium against a real node: registers through the UI,
 * reloads, signs out and signs in again, checks the app installs and opens offline, with no
 * browser console errors ({@code web/e2e/smoke.mjs}).
 */
class BrowserSmokeTest {
    @Test
    void registersReloadsSignsOutAndSignsInThroughTheWebApp() throws Exception {
        BrowserScript script = BrowserScript.named("smoke");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(3), Map.of());
        }
    }
}
