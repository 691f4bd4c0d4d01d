package org.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every client event has a rate limit, in {@link EventLimits} or in its service, and docs/protocol.md states it. */
class EventLimitsTest {

    @Test
    void everyClientEventIsRateLimitedOnce() {
        Set<ClientEvent> limited = EnumSet.copyOf(EventLimits.RATES.keySet());
        assertThat(limited).doesNotContainAnyElementsOf(EventLimits.LIMITED_BY_SERVICES);
        limited.addAll(EventLimits.LIMITED_BY_SERVICES);
        assertThat(limited).containsExactlyInAnyOrder(ClientEvent.values());
    }

    @Test
    void theProtocolDocumentStatesEachRate() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("parley.repoRoot", ".."), "docs", "protocol.md"));
        for (var entry : EventLimits.RATES.entrySet()) {
            String row = doc.lines().filter(l -> l.startsWith("| `" + entry.getKey().wire() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError(entry.getKey().wire() + " not in the table"));
            EventLimits.Rate rate = entry.getValue();
            assertThat(row).as(entry.getKey().wire())
                    .contains(rate.perMinute() + "/min with a burst of " + rate.burst());
        }
    }
}
