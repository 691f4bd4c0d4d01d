package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;

/**
 * Drives the built web app in Debian's Chromium against a real node: registers through the UI,
 * reloads, signs out and signs in again, with no browser console errors ({@code web/e2e/smoke.mjs}).
 * Needs the web app on the classpath, Chromium at /usr/bin/chromium, Node.js and web/node_modules;
 * without them it is skipped with the reason, or fails when {@code CI=true}.
 */
class BrowserSmokeTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void registersReloadsSignsOutAndSignsInThroughTheWebApp() throws Exception {
        Path repoRoot = Path.of(System.getProperty("parley.repoRoot", "..")).toAbsolutePath().normalize();
        Path script = repoRoot.resolve("web/e2e/smoke.mjs");
        requireThat(BrowserSmokeTest.class.getResource("/public/index.html") != null,
                "the web app is not on the classpath (built with -Dparley.skipWeb=true?)");
        requireThat(Files.isExecutable(CHROMIUM),
                "Chromium is not installed at " + CHROMIUM + " (apt-get install -y chromium)");
        requireThat(Files.isRegularFile(script), "the smoke script " + script + " is missing");
        requireThat(Files.isDirectory(repoRoot.resolve("web/node_modules/playwright-core")),
                "web/node_modules has no playwright-core (run npm ci in web/)");

        try (TestServer server = TestServer.start()) {
            ProcessBuilder builder = new ProcessBuilder("node", script.toString(), server.baseUrl())
                    .directory(repoRoot.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("SCREENSHOT_DIR", repoRoot.resolve("server/target/browser-smoke").toString());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                requireThat(false, "Node.js could not be started (" + e.getMessage() + ")");
                return;
            }
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread pump = Thread.ofVirtual().start(() -> pump(process, output));

            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                pump.join(Duration.ofSeconds(5));
                fail("the browser smoke test did not finish within " + TIMEOUT.toSeconds() + " s; output:\n" + text(output));
            }
            pump.join(Duration.ofSeconds(10));
            assertThat(process.exitValue())
                    .as("exit code of node web/e2e/smoke.mjs; output:\n%s", text(output))
                    .isZero();
        }
    }

    private static void requireThat(boolean condition, String problem) {
        if (!condition) TestDatabase.requireOrSkip("browser smoke test: " + problem);
    }

    /** Streams the script's output to the test log as it comes, and keeps it for the failure message. */
    private static void pump(Process process, StringBuilder output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                System.out.println("[browser] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.append("(output stream ended: ").append(e.getMessage()).append(")\n");
            }
        }
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }
}
