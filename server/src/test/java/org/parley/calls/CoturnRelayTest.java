package org.parley.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The TURN credentials Parley hands out are the ones coturn accepts: a real {@code turnserver} on
 * loopback with {@code use-auth-secret} and the same secret allocates a relay for them (checked
 * with coturn's own client, {@code turnutils_uclient}), and refuses a credential made with another
 * secret. Needs the coturn package: required when {@code CI=true}, otherwise skipped with the reason.
 */
class CoturnRelayTest {
    private static final String ALLOCATION_FAILED = "Cannot complete Allocation";

    @Test
    void coturnAllocatesARelayForTheIssuedCredentialsAndRefusesOthers() throws Exception {
        Path turnserver = tool("turnserver"), uclient = tool("turnutils_uclient");
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        int port = freePort();
        Path dir = Files.createTempDirectory("parley-coturn-");
        Process turn = new ProcessBuilder(turnserver.toString(), "-n", "--use-auth-secret",
                "--static-auth-secret=" + secret, "--realm=parley.test", "--listening-ip=127.0.0.1",
                "--relay-ip=127.0.0.1", "--listening-port=" + port, "--allow-loopback-peers", "--no-tls", "--no-dtls",
                "--no-cli", "--log-file=stdout", "--simple-log", "--pidfile=" + dir.resolve("turnserver.pid"),
                "--userdb=" + dir.resolve("turndb"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("turnserver.log").toFile()).start();
        try (TestServer node = TestServer.start(null, Map.of("turn-urls", "turn:127.0.0.1:" + port + "?transport=udp",
                "turn-secret", secret))) {
            awaitReady(turn, dir.resolve("turnserver.log"));
            Account ann = Accounts.register(node.api(), "turn_ann");
            JsonNode turnEntry = node.api().get("/api/calls/ice-servers", ann.accessToken()).json().path("iceServers").get(0);
            assertThat(turnEntry.path("urls").get(0).asString()).isEqualTo("turn:127.0.0.1:" + port + "?transport=udp");
            String username = turnEntry.path("username").asString();
            String credential = turnEntry.path("credential").asString();

            Allocation issued = allocate(uclient, port, username, credential);
            assertThat(issued.succeeded()).as("coturn accepts the issued credential:\n" + issued.output()).isTrue();
            assertThat(issued.output()).as("the datagrams went through the relays").contains("Total lost packets 0 (");
            Allocation forged = allocate(uclient, port, username, IceServersTest.hmac(secret + "-other", username));
            assertThat(forged.succeeded()).as("coturn refuses a credential of another secret:\n" + forged.output()).isFalse();
            assertThat(forged.output()).contains(ALLOCATION_FAILED);
        } finally {
            turn.destroy();
            if (!turn.waitFor(5, TimeUnit.SECONDS)) turn.destroyForcibly();
        }
    }

    private record Allocation(boolean succeeded, String output) {}

    /**
     * Two clients with these credentials, each allocating a relay and sending one datagram to the
     * other through it ({@code -y}); exit 0 and no allocation error means the allocations were granted.
     */
    private static Allocation allocate(Path uclient, int port, String username, String credential) throws Exception {
        List<String> command = new ArrayList<>(List.of(uclient.toString(), "-u", username, "-w", credential,
                "-p", String.valueOf(port), "-n", "1", "-c", "-y", "127.0.0.1"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Allocation(false, "turnutils_uclient timed out");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Allocation(p.exitValue() == 0 && !out.contains(ALLOCATION_FAILED), out);
    }

    private static void awaitReady(Process turn, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!turn.isAlive()) throw new AssertionError("turnserver exited:\n" + Files.readString(log));
            if (Files.readString(log).contains("Total General servers")) {
                Thread.sleep(300);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("turnserver did not start:\n" + Files.readString(log));
    }

    /** The tool on the PATH; fails under CI, skips elsewhere, when coturn is not installed. */
    private static Path tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        TestDatabase.requireOrSkip(name + " is not installed (apt-get install coturn)");
        throw new IllegalStateException("unreachable");
    }

    /** A port free for both UDP and TCP on loopback. */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback); DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), loopback)) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port");
    }
}
