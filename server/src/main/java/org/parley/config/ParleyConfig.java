package org.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The validated configuration of one Parley node. Built by {@link ConfigLoader}. */
public record ParleyConfig(Path dataDir, Server server, Database database, Auth auth, Chat chat,
                           Optional<String> redisUrl, String redisKeyPrefix, Files files, Calls calls,
                           Presence presence) {

    /** File sharing: where bytes live, upload limits, lifetimes and previews. */
    public record Files(Path dir, String store, S3 s3, long uploadMaxBytes, long uploadQuotaBytes,
                        int uploadsConcurrentPerUser, int uploadsPerMinute, Duration uploadExpiry,
                        Duration linkTtl, Duration deleteGrace, boolean stripGps, long previewMaxPixels,
                        int previewWorkers) {
        public boolean usesS3() {
            return "s3".equals(store);
        }
    }

    /** An S3-compatible bucket addressed path-style. */
    public record S3(String endpoint, String region, String bucket, String accessKey, String secretKey) {}

    public record Chat(int messageMaxChars, int messagesPerMinute, int messageBurst, int maxConnectionsPerUser,
                       int pendingSocketsPerAddress, int recoveryPacketsPerRoom) {}

    public record Server(String host, int port, List<String> allowedOrigins, long maxRequestBytes,
                         List<AddressRange> trustedProxies, Duration shutdownGrace,
                         String managementHost, int managementPort) {
        public boolean allowsAnyOrigin() {
            return allowedOrigins.contains("*");
        }
    }

    public record Database(String url, String user, String password, int poolSize) {
        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }
    }

    public record Auth(Optional<String> jwtSecret, Duration accessTokenTtl, Duration refreshTokenTtl,
                       int passwordHashConcurrency, int passwordHashMemoryKib, int loginMaxFailures, int loginMaxFailuresPerAddress,
                       Duration loginWindow, int registrationsPerAddressPerHour) {}

    /** Calls: ICE servers handed to clients (TURN only with a secret) and the call state machine's limits. */
    public record Calls(List<String> stunUrls, List<String> turnUrls, String turnSecret, Duration turnCredentialTtl,
                        int maxParticipants, Duration ringTimeout, Duration rejoinGrace) {}

    /**
     * Presence: rooms small enough to hear every member's changes, how long changes are gathered per
     * connection, and (with Redis) how long a node's lease lasts without renewal.
     */
    public record Presence(int pushRoomSize, Duration batchWindow, Duration nodeTimeout) {}
}
