package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * Two people in two browsers chat in a direct room through the web app: live delivery, typing,
 * read receipts, reactions, edits, deletes, replies, markdown that cannot run code, a lost
 * connection after which every missed message shows exactly once, and a failed send retried
 * without duplicates ({@code web/e2e/chat.mjs}).
 */
class ChatBrowserTest {
    @Test
    void twoPeopleChatLiveAndMissNothingOffline() throws Exception {
        BrowserScript script = BrowserScript.named("chat");
        try (TestServer server = TestServer.start()) {
            script.runAgainst(server, Duration.ofMinutes(4), Map.of());
        }
    }
}
