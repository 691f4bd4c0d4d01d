package org.parley.socketio.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one Engine.IO endpoint.
 *
 * @param pingInterval      how often the server pings each session
 * @param pingTimeout       how long the server waits for the pong before closing the session
 * @param maxPayload        largest polling body and WebSocket message accepted, in bytes
 * @param upgradeTimeout    how long a WebSocket probe may take to complete an upgrade
 * @param allowedOrigins    browser origins allowed to connect; {@code *} allows any
 * @param maxQueuedPackets  outbound queue bound per session, in packets
 * @param maxQueuedBytes    outbound queue bound per session, in bytes
 * @param maxPendingPerClient most sessions one client may hold open before the layer above admits
 *                          them (see {@link PendingSessions}); a handshake past it is refused
 * @param clientKey         which client a handshake comes from, for that count
 * @param keptHeaders       the request headers a session keeps for the layer above once it is open
 *                          ({@link EngineRequest#headers()}), by name in any case; {@value #ALL_HEADERS}
 *                          keeps every one. The client key is computed from every header first.
 */
public record EngineConfig(
        Duration pingInterval,
        Duration pingTimeout,
        int maxPayload,
        Duration upgradeTimeout,
        Set<String> allowedOrigins,
        int maxQueuedPackets,
        long maxQueuedBytes,
        int maxPendingPerClient,
        ClientKey clientKey,
        Set<String> keptHeaders) {

    public static final String ANY_ORIGIN = "*";
    public static final String ALL_HEADERS = "*";

    public EngineConfig {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(upgradeTimeout, "upgradeTimeout");
        Objects.requireNonNull(clientKey, "clientKey");
        allowedOrigins = Set.copyOf(allowedOrigins);
        keptHeaders = Set.copyOf(keptHeaders);
        if (pingInterval.isNegative() || pingInterval.isZero() || pingTimeout.isNegative() || pingTimeout.isZero()) {
            throw new IllegalArgumentException("pingInterval and pingTimeout must be positive");
        }
        if (maxPayload < 1 || maxQueuedPackets < 1 || maxQueuedBytes < 1 || maxPendingPerClient < 1) {
            throw new IllegalArgumentException("maxPayload, queue bounds and the pending limit must be positive");
        }
    }

    /**
     * Production defaults: 25 s / 20 s heartbeat, 1 MB payloads, no browser origin allowed, 32
     * sessions awaiting admission per peer address, every request header kept.
     */
    public static EngineConfig defaults() {
        return new EngineConfig(Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000,
                Duration.ofSeconds(10), Set.of(), 1_000, 8L * 1024 * 1024, 32, ClientKey.PEER_ADDRESS,
                Set.of(ALL_HEADERS));
    }

    /** Sessions keep only these request headers (e.g. {@code X-Forwarded-For}, {@code User-Agent}). */
    public EngineConfig withKeptHeaders(Set<String> names) {
        return new EngineConfig(pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                maxQueuedPackets, maxQueuedBytes, maxPendingPerClient, clientKey, names);
    }

    /** Whether sessions keep every request header. */
    boolean keepsAllHeaders() {
        return keptHeaders.contains(ALL_HEADERS);
    }

    public EngineConfig withHeartbeat(Duration interval, Duration timeout) {
        return new EngineConfig(interval, timeout, maxPayload, upgradeTimeout, allowedOrigins,
                maxQueuedPackets, maxQueuedBytes, maxPendingPerClient, clientKey, keptHeaders);
    }

    public EngineConfig withMaxPayload(int bytes) {
        return new EngineConfig(pingInterval, pingTimeout, bytes, upgradeTimeout, allowedOrigins,
                maxQueuedPackets, maxQueuedBytes, maxPendingPerClient, clientKey, keptHeaders);
    }

    public EngineConfig withAllowedOrigins(Set<String> origins) {
        return new EngineConfig(pingInterval, pingTimeout, maxPayload, upgradeTimeout, origins,
                maxQueuedPackets, maxQueuedBytes, maxPendingPerClient, clientKey, keptHeaders);
    }

    public EngineConfig withQueueBounds(int packets, long bytes) {
        return new EngineConfig(pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                packets, bytes, maxPendingPerClient, clientKey, keptHeaders);
    }

    public EngineConfig withPendingLimit(int perClient, ClientKey key) {
        return new EngineConfig(pingInterval, pingTimeout, maxPayload, upgradeTimeout, allowedOrigins,
                maxQueuedPackets, maxQueuedBytes, perClient, key, keptHeaders);
    }
}
