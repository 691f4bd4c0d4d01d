package org.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The validated configuration of one Parley node. Built by {@link ConfigLoader}. */
public record ParleyConfig(Path dataDir, Server server, Database database, Auth auth, Optional<String> redisUrl) {

    public record Server(String host, int port, List<String> allowedOrigins, long maxRequestBytes,
                         boolean trustProxy, Duration shutdownGrace) {
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
                       int passwordHashConcurrency, int loginMaxFailures, int loginMaxFailuresPerAddress,
                       Duration loginWindow, int registrationsPerAddressPerHour) {}

    /** Copy with another port; used by tests and tools that pick their own. */
    public ParleyConfig withPort(int port) {
        Server s = server;
        return new ParleyConfig(dataDir, new Server(s.host(), port, s.allowedOrigins(), s.maxRequestBytes(),
                s.trustProxy(), s.shutdownGrace()), database, auth, redisUrl);
    }
}
