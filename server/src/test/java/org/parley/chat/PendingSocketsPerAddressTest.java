package org.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestServer;

/**
 * A client address may hold only {@code pending-sockets-per-address} socket handshakes that have
 * not signed in; the address is read through the trusted proxies, and signed-in sockets do not count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingSocketsPerAddressTest {
    private final TestServer server = TestServer.start(null,
            Map.of("pending-sockets-per-address", "2", "trusted-proxies", "127.0.0.1, ::1"));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() {
        server.close();
    }

    private int handshake(String forwardedFor) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/socket.io/?EIO=4&transport=polling"))
                .header("X-Forwarded-For", forwardedFor).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void handshakesThatNeverSignInAreCappedPerClientAddress() throws Exception {
        assertThat(handshake("198.51.100.7, 203.0.113.9")).isEqualTo(200);
        assertThat(handshake("203.0.113.9")).isEqualTo(200);
        assertThat(handshake("198.51.100.8, 203.0.113.9")).as("a forged first hop is the same client").isEqualTo(429);
        assertThat(handshake("203.0.113.10")).as("another client behind the proxy").isEqualTo(200);
    }

    @Test
    void signedInSocketsDoNotCount() {
        Account ann = Accounts.register(server.api(), "pend_ann");
        List<ChatSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sockets.add(ChatSocket.connect(server.baseUrl(), ann.accessToken()));
            }
            assertThat(sockets).allSatisfy(s -> assertThat(s.connected()).isTrue());
        } finally {
            sockets.forEach(ChatSocket::close);
        }
    }
}
