package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Three people in a group through the web app: the owner promotes an admin who renames the
 * group, a member has no admin controls and the server refuses them, members are removed,
 * re-added, leave, and the owner deletes the group ({@code web/e2e/group.mjs}). Saves the
 * desktop screenshot of the documentation.
 */
class GroupBrowserTest {
    @Test
    void ownersAndAdminsManageTheGroupAndMembersCannot() throws Exception {
        BrowserScript script = BrowserScript.named("group");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(4),
                    Map.of("DOCS_SCREENSHOT_DIR", script.docsScreenshots().toString()));
        }
    }
}
