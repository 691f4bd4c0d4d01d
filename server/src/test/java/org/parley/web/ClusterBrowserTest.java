package org.parley.web;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.topology.Topology;

/**
 * The web app through the shipped nginx config (TLS, cookie stickiness, forwarded Host) in front
 * of three node processes on one PostgreSQL and one Redis: people on different nodes chat live,
 * see each other type, and a reload keeps everything ({@code web/e2e/cluster.mjs}).
 */
class ClusterBrowserTest {
    @Test
    void peoplePlacedOnDifferentNodesByTheProxyChatLive() throws Exception {
        BrowserScript script = BrowserScript.named("cluster");
        try (Topology topology = Topology.start(3).withNginx()) {
            try {
                script.runAgainst(topology.publicUrl(), Duration.ofMinutes(3), Map.of());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + topology.logs(), e);
            }
        }
    }
}
