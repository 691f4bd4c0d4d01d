package org.parley.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.parley.testkit.TestDatabase;

/**
 * Debian's nginx running the shipped {@code deploy/nginx.conf}, changed only where a loopback test
 * must: the upstream servers are this test's nodes, it listens on free ports of 127.0.0.1, and its
 * certificate is a throwaway self-signed one. Everything else (TLS, stickiness, headers) is as shipped.
 */
final class NginxProcess implements AutoCloseable {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("server parley-\\d+:8080([^;]*);");

    private final int httpsPort = Ports.free();
    private final int httpPort = Ports.free();
    private final LoggedProcess process;
    private final Path certificate;

    private NginxProcess(Path dir, List<NodeProcess> nodes) throws IOException, InterruptedException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        certificate = certs.resolve("fullchain.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", certs.resolve("privkey.pem").toString(),
                "-out", certs.resolve("fullchain.pem").toString()).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes());
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + out);
        }
        Path repo = Path.of(System.getProperty("parley.repoRoot", ".."));
        String shipped = Files.readString(repo.resolve("deploy/nginx.conf"));
        // the shipped upstream lists parley-1, parley-2...: this test's nodes take their place, with the same parameters
        Matcher first = UPSTREAM_SERVER.matcher(shipped);
        if (!first.find()) throw new IllegalStateException("deploy/nginx.conf lists no server parley-N:8080");
        String params = first.group(1);
        String upstreams = nodes.stream().map(n -> "server 127.0.0.1:" + n.port() + params + ";")
                .collect(Collectors.joining("\n    "));
        String conf = UPSTREAM_SERVER.matcher(shipped).replaceFirst(Matcher.quoteReplacement(upstreams))
                .replaceAll("(?m)^\\s*server parley-\\d+:8080[^;]*;\\n", "");
        conf = replaceOnce(conf, "listen 80;\n    listen [::]:80;", "listen 127.0.0.1:" + httpPort + ";");
        conf = replaceOnce(conf, "listen 443 ssl;\n    listen [::]:443 ssl;", "listen 127.0.0.1:" + httpsPort + " ssl;");
        conf = conf.replace("/etc/nginx/certs/", certs.toAbsolutePath() + "/");
        Path copy = dir.resolve("nginx.conf");
        Files.writeString(copy, conf);
        Files.createDirectories(dir.resolve("logs"));
        process = LoggedProcess.start("nginx", dir.resolve("nginx.log"), List.of(NGINX.toString(), "-p",
                dir.toAbsolutePath() + "/", "-c", copy.toString(), "-e", "stderr",
                "-g", "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log stderr;"));
        Ports.awaitListening(httpsPort, Duration.ofSeconds(10), "nginx");
    }

    private static String replaceOnce(String text, String what, String with) {
        if (!text.contains(what)) throw new IllegalStateException("deploy/nginx.conf no longer contains: " + what);
        return text.replace(what, with);
    }

    static NginxProcess start(Path dir, List<NodeProcess> nodes) {
        if (!Files.isExecutable(NGINX)) TestDatabase.requireOrSkip("nginx is not installed at " + NGINX);
        try {
            return new NginxProcess(dir, nodes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The public address, as a browser would type it. */
    String baseUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    /** The proxy's self-signed certificate, for clients that should trust it (and only it). */
    Path certificate() {
        return certificate;
    }

    String log() {
        return process.tail(40);
    }

    @Override
    public void close() {
        process.stop(5);
    }
}
