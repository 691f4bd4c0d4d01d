package org.parley.socketio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the Node.js Socket.IO client scenarios of the module under test: the directory named by
 * the {@code parley.nodeScripts} property (each module's surefire sets it), else {@code
 * src/test/node}. Installs their pinned dependencies with {@code npm ci} when {@code node_modules}
 * is missing or older than the lock file.
 */
public final class NodeScripts {

    private static final Object INSTALL_LOCK = new Object();

    private NodeScripts() {}

    public static Path directory() {
        return Path.of(System.getProperty("parley.nodeScripts", "src/test/node")).toAbsolutePath().normalize();
    }

    /** Runs {@code node <script> <args...>} and returns the JSON its RESULT line carries. */
    public static JsonNode run(String script, String... args) throws IOException, InterruptedException {
        Path dir = directory();
        installDependencies(dir);
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        String output = exec(dir, command, 60);
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                return JsonMapper.shared().readTree(line.substring("RESULT ".length()));
            }
        }
        throw new AssertionError("node " + script + " did not succeed:\n" + output);
    }

    private static void installDependencies(Path dir) throws IOException, InterruptedException {
        synchronized (INSTALL_LOCK) {
            Path marker = dir.resolve("node_modules/.package-lock.json");
            Path lock = dir.resolve("package-lock.json");
            if (Files.exists(marker) && !isOlder(marker, lock)) {
                return;
            }
            String output = exec(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            if (!Files.exists(marker)) {
                throw new AssertionError("npm ci failed:\n" + output);
            }
        }
    }

    private static boolean isOlder(Path file, Path than) throws IOException {
        FileTime a = Files.getLastModifiedTime(file);
        FileTime b = Files.getLastModifiedTime(than);
        return a.compareTo(b) < 0;
    }

    private static String exec(Path dir, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[][] output = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = new byte[0];
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        reader.join(5_000);
        return output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8);
    }
}
