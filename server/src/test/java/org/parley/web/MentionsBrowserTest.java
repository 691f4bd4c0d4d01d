package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Mentions and notification levels in the browser ({@code web/e2e/mentions.mjs}): a group set to
 * "Mentions" (the setting reaches a second device) notifies and badges only a mention, which is
 * written with the composer's autocompletion from the keyboard and highlighted for its reader.
 */
class MentionsBrowserTest {
    @Test
    void aGroupSetToMentionsNotifiesOnlyOfMentions() throws Exception {
        BrowserScript script = BrowserScript.named("mentions");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(3), Map.of());
        }
    }
}
