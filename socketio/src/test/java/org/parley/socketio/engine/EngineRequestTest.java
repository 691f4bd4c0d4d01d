package org.parley.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineRequestTest {

    private final EngineRequest request = new EngineRequest(Map.of("EIO", List.of("4")),
            Map.of("X-Forwarded-For", "203.0.113.7, 10.0.0.1", "User-Agent", "browser", "Cookie", "a=b",
                    "Sec-WebSocket-Key", "abc"),
            "10.0.0.1");

    @Test
    void theHandshakesOwnHeadersAreNotKept() {
        assertThat(request.headers()).containsOnlyKeys("X-Forwarded-For", "User-Agent", "Cookie");
        assertThat(request.header("user-agent")).isEqualTo("browser");
    }

    @Test
    void aSessionKeepsOnlyTheNamedHeadersWithItsQueryAndAddress() {
        EngineRequest kept = request.keeping(Set.of("x-forwarded-for", "Accept-Language"));
        assertThat(kept.headers()).hasSize(1);
        assertThat(kept.header("X-Forwarded-For")).isEqualTo("203.0.113.7, 10.0.0.1");
        assertThat(kept.header("Cookie")).isNull();
        assertThat(kept.queryParam("EIO")).isEqualTo("4");
        assertThat(kept.remoteAddress()).isEqualTo("10.0.0.1");
    }

    @Test
    void everyHeaderIsKeptByDefault() {
        assertThat(EngineConfig.defaults().keepsAllHeaders()).isTrue();
        assertThat(EngineConfig.defaults().withKeptHeaders(Set.of("User-Agent")).keepsAllHeaders()).isFalse();
    }
}
