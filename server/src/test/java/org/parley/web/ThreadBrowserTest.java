package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Threads through the web app ({@code web/e2e/threads.mjs}): Ann replies in a thread, Bob sees the
 * count on the parent live, opens the thread and answers, Ann sees the answer live, the replies
 * stay out of the timeline, and on a phone the thread is a full screen with Back.
 */
class ThreadBrowserTest {
    @Test
    void peopleReplyInAThreadAndSeeEachOthersRepliesLive() throws Exception {
        BrowserScript script = BrowserScript.named("threads");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(3), Map.of());
        }
    }
}
