package org.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads flags, environment and the optional config file, and validates every value. */
public final class ConfigLoader {
    private final RawSettings raw;

    private ConfigLoader(RawSettings raw) {
        this.raw = raw;
    }

    public static ParleyConfig load(List<String> args, Map<String, String> env) {
        return new ConfigLoader(RawSettings.load(args, env)).build();
    }

    private ParleyConfig build() {
        Path dataDir = Path.of(nonEmpty(Settings.DATA_DIR)).toAbsolutePath().normalize();
        var server = new ParleyConfig.Server(
                nonEmpty(Settings.HOST),
                intIn(Settings.PORT, 0, 65535),
                origins(),
                longIn(Settings.MAX_REQUEST_BYTES, 1024, 64L * 1024 * 1024),
                bool(Settings.TRUST_PROXY),
                Duration.ofSeconds(intIn(Settings.SHUTDOWN_GRACE, 0, 600)),
                nonEmpty(Settings.MANAGEMENT_HOST),
                intIn(Settings.MANAGEMENT_PORT, 0, 65535));
        String url = raw.get(Settings.DATABASE_URL);
        if (url.isEmpty()) {
            url = "jdbc:sqlite:" + dataDir.resolve("parley.db");
        } else if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw invalid(Settings.DATABASE_URL, "must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        var database = new ParleyConfig.Database(url, raw.get(Settings.DATABASE_USER),
                raw.get(Settings.DATABASE_PASSWORD), intIn(Settings.DATABASE_POOL_SIZE, 1, 200));
        String secret = raw.get(Settings.JWT_SECRET);
        if (!secret.isEmpty() && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw invalid(Settings.JWT_SECRET, "must be at least 32 bytes (256 bits)");
        }
        var auth = new ParleyConfig.Auth(
                secret.isEmpty() ? Optional.empty() : Optional.of(secret),
                Duration.ofSeconds(intIn(Settings.ACCESS_TOKEN_TTL, 60, 86_400)),
                Duration.ofDays(intIn(Settings.REFRESH_TOKEN_TTL, 1, 365)),
                intIn(Settings.PASSWORD_HASH_CONCURRENCY, 1, 64),
                intIn(Settings.LOGIN_MAX_FAILURES, 1, 1000),
                intIn(Settings.LOGIN_MAX_FAILURES_PER_ADDRESS, 1, 100_000),
                Duration.ofSeconds(intIn(Settings.LOGIN_WINDOW, 1, 86_400)),
                intIn(Settings.REGISTRATIONS_PER_ADDRESS, 1, 100_000));
        var chat = new ParleyConfig.Chat(intIn(Settings.MESSAGE_MAX_CHARS, 1, 100_000),
                intIn(Settings.MESSAGES_PER_MINUTE, 1, 10_000_000), intIn(Settings.MESSAGE_BURST, 1, 10_000_000),
                intIn(Settings.MAX_CONNECTIONS_PER_USER, 1, 100_000));
        String redis = raw.get(Settings.REDIS_URL);
        if (!redis.isEmpty() && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
            throw invalid(Settings.REDIS_URL, "must start with redis:// or rediss://");
        }
        return new ParleyConfig(dataDir, server, database, auth, chat, redis.isEmpty() ? Optional.empty() : Optional.of(redis));
    }

    private List<String> origins() {
        String value = raw.get(Settings.ALLOWED_ORIGINS);
        if (value.isEmpty()) return List.of();
        List<String> origins = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).toList();
        for (String o : origins) {
            if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
                throw invalid(Settings.ALLOWED_ORIGINS, "'" + o + "' is not an origin like https://chat.example.com");
            }
        }
        return origins;
    }

    private String nonEmpty(Setting s) {
        String v = raw.get(s);
        if (v.isEmpty()) throw invalid(s, "must not be empty");
        return v;
    }

    private int intIn(Setting s, int min, int max) {
        return (int) longIn(s, min, max);
    }

    private long longIn(Setting s, long min, long max) {
        long v;
        try {
            v = Long.parseLong(raw.get(s));
        } catch (NumberFormatException e) {
            throw invalid(s, "must be a whole number");
        }
        if (v < min || v > max) throw invalid(s, "must be between " + min + " and " + max);
        return v;
    }

    private boolean bool(Setting s) {
        return switch (raw.get(s).toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(s, "must be true or false");
        };
    }

    private ConfigException invalid(Setting s, String why) {
        return new ConfigException("Setting " + s.key() + " (" + s.envName() + ", from " + raw.sourceOf(s) + ") "
                + why + "; got '" + raw.get(s) + "'.");
    }
}
