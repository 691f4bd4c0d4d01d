package org.parley.socketio.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** Gateway meters, tagged with the endpoint path. */
public final class EngineMetrics {

    private final AtomicInteger pollingConnections = new AtomicInteger();
    private final AtomicInteger websocketConnections = new AtomicInteger();
    private final Counter packetsIn;
    private final Counter packetsOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter queueOverflows;
    private final Counter upgradeFailures;
    private final Counter protocolErrors;
    private final Counter handshakesRefused;

    public EngineMetrics(MeterRegistry registry, String endpoint) {
        Gauge.builder("parley.gateway.connections", pollingConnections, AtomicInteger::get)
                .description("Open Engine.IO sessions by current transport")
                .tags("endpoint", endpoint, "transport", "polling").register(registry);
        Gauge.builder("parley.gateway.connections", websocketConnections, AtomicInteger::get)
                .description("Open Engine.IO sessions by current transport")
                .tags("endpoint", endpoint, "transport", "websocket").register(registry);
        packetsIn = counter(registry, "parley.gateway.packets", endpoint, "in", "Engine.IO packets received");
        packetsOut = counter(registry, "parley.gateway.packets", endpoint, "out", "Engine.IO packets sent");
        bytesIn = counter(registry, "parley.gateway.bytes", endpoint, "in", "Engine.IO payload bytes received");
        bytesOut = counter(registry, "parley.gateway.bytes", endpoint, "out", "Engine.IO payload bytes sent");
        queueOverflows = Counter.builder("parley.gateway.queue.overflows")
                .description("Sessions closed because their outbound queue overflowed")
                .tag("endpoint", endpoint).register(registry);
        upgradeFailures = Counter.builder("parley.gateway.upgrade.failures")
                .description("Transport upgrades that did not complete")
                .tag("endpoint", endpoint).register(registry);
        protocolErrors = Counter.builder("parley.gateway.protocol.errors")
                .description("Sessions closed because of malformed input")
                .tag("endpoint", endpoint).register(registry);
        handshakesRefused = Counter.builder("parley.gateway.handshakes.refused")
                .description("Handshakes refused because the client held too many sessions awaiting admission")
                .tag("endpoint", endpoint).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String endpoint, String direction,
            String description) {
        return Counter.builder(name).description(description)
                .tags("endpoint", endpoint, "direction", direction).register(registry);
    }

    void transportOpened(Transport.Kind kind) {
        gauge(kind).incrementAndGet();
    }

    void transportClosed(Transport.Kind kind) {
        gauge(kind).decrementAndGet();
    }

    private AtomicInteger gauge(Transport.Kind kind) {
        return kind == Transport.Kind.POLLING ? pollingConnections : websocketConnections;
    }

    void received(int bytes) {
        packetsIn.increment();
        bytesIn.increment(bytes);
    }

    void sent(int bytes) {
        packetsOut.increment();
        bytesOut.increment(bytes);
    }

    void queueOverflow() {
        queueOverflows.increment();
    }

    void upgradeFailure() {
        upgradeFailures.increment();
    }

    void handshakeRefused() {
        handshakesRefused.increment();
    }

    void protocolError() {
        protocolErrors.increment();
    }

    public double queueOverflowCount() {
        return queueOverflows.count();
    }
}
