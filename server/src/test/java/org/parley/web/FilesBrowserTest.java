package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/**
 * File sharing in the web app ({@code web/e2e/files.mjs}): photos dropped on a conversation upload
 * with progress and appear live for the other person, open in the viewer, and get their previews;
 * an upload cut off by a reload resumes after a dropped connection; a file over the limit says
 * why; the room's files, search and the phone layout. The node refuses uploads over 8 MiB, so the
 * script can show that refusal. Saves the documentation's files screenshot.
 */
class FilesBrowserTest {
    @Test
    void filesAreSharedThroughTheWebApp() throws Exception {
        BrowserScript script = BrowserScript.named("files");
        try (TestServer server = TestServer.start(null, Map.of("upload-max-bytes", String.valueOf(8L * 1024 * 1024)))) {
            script.runAgainst(server, Duration.ofMinutes(4),
                    Map.of("DOCS_SCREENSHOT_DIR", script.docsScreenshots().toString()));
        }
    }
}
