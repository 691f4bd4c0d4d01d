package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * The colour theme: System follows the emulated device, Dark applies at once and stays dark
 * after a reload and on a second signed-in device, a choice made there reaches the first on
 * its next load ({@code web/e2e/theme.mjs}).
 */
class ThemeBrowserTest {
    @Test
    void theThemeFollowsTheAccountAcrossReloadsAndDevices() throws Exception {
        BrowserScript script = BrowserScript.named("theme");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(3), Map.of());
        }
    }
}
