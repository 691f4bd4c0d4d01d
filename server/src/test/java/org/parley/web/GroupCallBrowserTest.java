package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Three people in a group call through the web app: a mesh in which each decodes the two others'
 * video and audio, one leaving while the others go on, and "Join call" bringing them back ({@code
 * web/e2e/group-call.mjs}).
 */
class GroupCallBrowserTest {
    @Test
    void threePeopleCallInAGroup() throws Exception {
        BrowserScript script = BrowserScript.named("group-call");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(5), Map.of());
        }
    }
}
