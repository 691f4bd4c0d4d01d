package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;

/**
 * A call allowed to use the TURN relay only ({@code iceTransportPolicy: "relay"}) connects, through
 * the credentials {@code GET /api/calls/ice-servers} derives from the secret shared with a real
 * coturn ({@code use-auth-secret}) that this test starts on loopback ({@code
 * web/e2e/relay-call.mjs}). Without coturn installed the test is skipped (fails when {@code
 * CI=true}).
 */
class RelayCallBrowserTest {
    private static final Path TURNSERVER = Path.of("/usr/bin/turnserver");

    @Test
    void aRelayOnlyCallConnectsThroughTurn() throws Exception {
        BrowserScript script = BrowserScript.named("relay-call");
        if (!Files.isExecutable(TURNSERVER)) {
            TestDatabase.requireOrSkip("browser test: coturn is not installed at " + TURNSERVER + " (apt-get install -y coturn)");
        }
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        String secret = HexFormat.of().formatHex(key);
        int port = freeUdpPort();
        Path logFile = Files.createTempFile("parley-turn-", ".log");
        Process turn = new ProcessBuilder(List.of(TURNSERVER.toString(), "-n",
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=parley.test",
                "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-cli", "--fingerprint",
                "--min-port=" + (port + 1), "--max-port=" + (port + 200),
                "--log-file=stdout", "--simple-log"))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        try {
            Thread.sleep(500);
            assertThat(turn.isAlive()).as("coturn is running; its log:\n%s", read(logFile)).isTrue();
            try (TestServer server = TestServer.start(null, Map.of(
                    "turn-urls", "turn:127.0.0.1:" + port + "?transport=udp",
                    "turn-secret", secret))) {
                script.runAgainst(server, Duration.ofMinutes(4), Map.of());
            }
        } finally {
            turn.destroy();
            if (!turn.waitFor(5, TimeUnit.SECONDS)) turn.destroyForcibly();
            Files.deleteIfExists(logFile);
        }
    }

    /** A UDP port that is free now, with room above it for the relay's ports. */
    private static int freeUdpPort() throws IOException {
        for (;;) {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port < 65_000) return port;
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
