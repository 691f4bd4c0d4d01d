package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * A call on a 390×844 phone: stacked tiles, every control on screen, no sideways scrolling, and the
 * call bar while reading and writing elsewhere ({@code web/e2e/phone-call.mjs}).
 */
class PhoneCallBrowserTest {
    @Test
    void aCallFitsAPhone() throws Exception {
        BrowserScript script = BrowserScript.named("phone-call");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(4), Map.of());
        }
    }
}
