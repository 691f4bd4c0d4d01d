package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.config.AddressRange;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TestServer;

/**
 * Behind a trusted proxy the client address is the right-most X-Forwarded-For hop that is not a
 * proxy, so entries the client writes itself never change which throttle bucket it lands in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedProxiesTest {
    private final TestServer server = TestServer.start(null,
            Map.of("trusted-proxies", "127.0.0.1, ::1", "registrations-per-address-per-hour", "2"));
    private final ApiClient api = server.api();

    @AfterAll
    void stop() {
        server.close();
    }

    private int register(String name, String forwardedFor) {
        return api.send("POST", "/api/auth/register", Map.of("username", name, "email", name + "@example.com",
                "password", "a quiet meadow at dawn"), null, Map.of("X-Forwarded-For", forwardedFor)).status();
    }

    @Test
    void aForgedFirstForwardedForEntryDoesNotEscapeThePerAddressThrottle() {
        // the proxy appends the address it saw (203.0.113.9); the client forged everything before it
        assertThat(register("forged_1", "198.51.100.1, 203.0.113.9")).isEqualTo(201);
        assertThat(register("forged_2", "198.51.100.2, 203.0.113.9")).isEqualTo(201);
        assertThat(register("forged_3", "198.51.100.3, 203.0.113.9")).isEqualTo(429);
        assertThat(register("forged_4", "203.0.113.9")).isEqualTo(429);
        // another real client behind the same proxy has its own bucket
        assertThat(register("forged_5", "198.51.100.3, 203.0.113.10")).isEqualTo(201);
    }

    private static String resolve(List<String> trusted, String peer, String... headers) {
        var addresses = new ClientAddresses(trusted.stream().map(AddressRange::parse).toList());
        return addresses.resolve(peer, Collections.enumeration(List.of(headers)));
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        List<String> proxies = List.of("10.0.0.0/8", "fc00::/7");
        assertThat(resolve(proxies, "10.0.0.2", "1.1.1.1, 203.0.113.5, 10.0.0.7")).isEqualTo("203.0.113.5");
        assertThat(resolve(proxies, "10.0.0.2", "1.1.1.1", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(resolve(proxies, "fd00::1", "2001:db8::5")).isEqualTo("2001:db8::5");
        assertThat(resolve(proxies, "10.0.0.2", "not-an-address")).isEqualTo("not-an-address");
        // all hops are proxies: the left-most one is as close to the client as can be known
        assertThat(resolve(proxies, "10.0.0.2", "10.9.9.9, 10.0.0.7")).isEqualTo("10.9.9.9");
        assertThat(resolve(proxies, "10.0.0.2")).isEqualTo("10.0.0.2");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(resolve(List.of("10.0.0.0/8"), "203.0.113.7", "10.0.0.1")).isEqualTo("203.0.113.7");
        assertThat(resolve(List.of(), "127.0.0.1", "198.51.100.1")).isEqualTo("127.0.0.1");
    }
}
