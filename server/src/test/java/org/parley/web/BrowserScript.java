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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;

/**
 * Runs one of the web app's browser scripts ({@code web/e2e/*.mjs}, Playwright driving Debian's
 * Chromium) against a real node and fails with the script's output when it fails. Needs the web
 * app on the classpath, Chromium at /usr/bin/chromium, Node.js and web/node_modules; without
 * them the test is skipped with the reason, or fails when {@code CI=true}.
 */
final class BrowserScript {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final String name;
    private final Path repoRoot;
    private final Path script;

    private BrowserScript(String name) {
        this.name = name;
        this.repoRoot = Path.of(System.getProperty("parley.repoRoot", "..")).toAbsolutePath().normalize();
        this.script = repoRoot.resolve("web/e2e/" + name + ".mjs");
    }

    /** The script {@code web/e2e/<name>.mjs}; skips (or fails on CI) when it cannot run here. */
    static BrowserScript named(String name) {
        BrowserScript s = new BrowserScript(name);
        requireThat(BrowserScript.class.getResource("/public/index.html") != null,
                "the web app is not on the classpath (built with -Dparley.skipWeb=true?)");
        requireThat(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM + " (apt-get install -y chromium)");
        requireThat(Files.isRegularFile(s.script), "the browser script " + s.script + " is missing");
        requireThat(Files.isDirectory(s.repoRoot.resolve("web/node_modules/playwright-core")),
                "web/node_modules has no playwright-core (run npm ci in web/)");
        return s;
    }

    /** Where the documentation's screenshots live; the scripts that take them write there. */
    Path docsScreenshots() {
        return repoRoot.resolve("docs/screenshots");
    }

    /** Runs the script against {@code server}, with extra environment variables. */
    void runAgainst(TestServer server, Duration timeout, Map<String, String> env) throws Exception {
        runAgainst(server.baseUrl(), timeout, env);
    }

    /** Runs the script against the server at {@code baseUrl} (a node, or a proxy in front of nodes). */
    void runAgainst(String baseUrl, Duration timeout, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", script.toString(), baseUrl)
                .directory(repoRoot.resolve("web").toFile())
                .redirectErrorStream(true);
        builder.environment().put("SCREENSHOT_DIR", repoRoot.resolve("server/target/browser-" + name).toString());
        builder.environment().put("FRESH_SERVER", "1");
        builder.environment().putAll(env);
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

        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.join(Duration.ofSeconds(5));
            fail("web/e2e/" + name + ".mjs did not finish within " + timeout.toSeconds() + " s; output:\n" + text(output));
        }
        pump.join(Duration.ofSeconds(10));
        assertThat(process.exitValue())
                .as("exit code of node web/e2e/%s.mjs; output:\n%s", name, text(output))
                .isZero();
    }

    private static void requireThat(boolean condition, String problem) {
        if (!condition) TestDatabase.requireOrSkip("browser test: " + problem);
    }

    /** Streams the script's output to the test log as it comes, and keeps it for the failure message. */
    private void pump(Process process, StringBuilder output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                System.out.println("[" + name + "] " + line);
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
