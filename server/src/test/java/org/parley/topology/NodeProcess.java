package org.parley.topology;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Parley node in a JVM of its own, started from the test classpath with the same flags an
 * operator passes, so that it can be killed (SIGKILL) between any two instructions as a crashed
 * node would be, and started again on its port.
 */
final class NodeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final Path dir;
    private final List<String> args;
    private LoggedProcess process;

    private NodeProcess(String name, int port, Path dir, List<String> args) {
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.args = args;
    }

    static NodeProcess start(String name, Path dir, Map<String, String> settings) {
        int port = Ports.free();
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", dir.resolve("data").toString(), "--management-port", "0"));
        settings.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        NodeProcess node = new NodeProcess(name, port, dir, List.copyOf(args));
        node.launch();
        return node;
    }

    private void launch() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "org.parley.Parley"));
        command.addAll(args);
        process = LoggedProcess.start(name, dir.resolve(name + ".log"), command);
        awaitReady(Duration.ofSeconds(60));
    }

    /** Waits until {@code /readyz} answers 200. */
    void awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (readiness() != 200) {
            if (!process.alive()) throw new IllegalStateException(name + " exited while starting\n" + process.tail(40));
            if (System.nanoTime() > deadline) throw new IllegalStateException(name + " is not ready\n" + process.tail(40));
            Ports.sleep(100);
        }
    }

    /** The status {@code /readyz} answers, or -1 when nothing answers. */
    int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/readyz")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL, as a crash. */
    void kill() {
        process.kill();
    }

    /** SIGTERM, as an operator stops it: it drains and exits. */
    void stop() {
        process.stop(30);
    }

    /** Starts the node again on the same port and data directory. */
    void restart() {
        if (process.alive()) process.stop(15);
        launch();
    }

    String log() {
        return process.tail(60);
    }

    @Override
    public void close() {
        if (process != null && process.alive()) process.stop(15);
    }
}
