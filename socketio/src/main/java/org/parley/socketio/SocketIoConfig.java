package org.parley.socketio;

import java.time.Duration;
import java.util.Objects;
import org.parley.socketio.engine.EngineConfig;

/**
 * Settings of the Socket.IO server.
 *
 * @param path             HTTP path of the endpoint, e.g. {@code /socket.io/}
 * @param engine           settings of the Engine.IO layer below
 * @param connectTimeout   a connection that joins no namespace within this time is closed
 * @param maxAttachments   most binary attachments accepted in one packet
 * @param maxPendingEvents most received packets waiting for their handlers per connection
 * @param recovery         connection state recovery settings
 */
public record SocketIoConfig(
        String path,
        EngineConfig engine,
        Duration connectTimeout,
        int maxAttachments,
        int maxPendingEvents,
        RecoveryConfig recovery) {

    public SocketIoConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(recovery, "recovery");
        if (maxAttachments < 0 || maxPendingEvents < 1) {
            throw new IllegalArgumentException("maxAttachments must be >= 0 and maxPendingEvents >= 1");
        }
    }

    /**
     * Connection state recovery.
     *
     * @param enabled                   whether sessions are kept and restored
     * @param maxDisconnectionDuration  how long a disconnected session can be restored
     * @param maxPacketsPerRoom         how many of its latest broadcasts each room keeps for replay (a
     *                                  broadcast to the whole namespace counts as one more room)
     * @param maxLoggedBytes            how many bytes of broadcasts the namespace keeps for replay in all
     */
    public record RecoveryConfig(boolean enabled, Duration maxDisconnectionDuration, int maxPacketsPerRoom,
            long maxLoggedBytes) {
        public RecoveryConfig {
            if (maxPacketsPerRoom < 1 || maxLoggedBytes < 1) {
                throw new IllegalArgumentException("maxPacketsPerRoom and maxLoggedBytes must be >= 1");
            }
        }

        public static RecoveryConfig disabled() {
            return new RecoveryConfig(false, Duration.ofMinutes(2), 500, 64L * 1024 * 1024);
        }

        public static RecoveryConfig twoMinutes() {
            return new RecoveryConfig(true, Duration.ofMinutes(2), 500, 64L * 1024 * 1024);
        }
    }

    public static SocketIoConfig defaults() {
        return new SocketIoConfig("/socket.io/", EngineConfig.defaults(), Duration.ofSeconds(45), 10, 1_000,
                RecoveryConfig.twoMinutes());
    }

    public SocketIoConfig withPath(String value) {
        return new SocketIoConfig(value, engine, connectTimeout, maxAttachments, maxPendingEvents, recovery);
    }

    public SocketIoConfig withEngine(EngineConfig value) {
        return new SocketIoConfig(path, value, connectTimeout, maxAttachments, maxPendingEvents, recovery);
    }

    public SocketIoConfig withConnectTimeout(Duration value) {
        return new SocketIoConfig(path, engine, value, maxAttachments, maxPendingEvents, recovery);
    }

    public SocketIoConfig withRecovery(RecoveryConfig value) {
        return new SocketIoConfig(path, engine, connectTimeout, maxAttachments, maxPendingEvents, value);
    }
}
