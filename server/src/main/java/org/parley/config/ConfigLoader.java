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
                trustedProxies(),
                Duration.ofSeconds(intIn(Settings.SHUTDOWN_GRACE, 0, 600)),
                nonEmpty(Settings.MANAGEMENT_HOST),
                intIn(Settings.MANAGEMENT_PORT, 0, 65535));
        String url = raw.get(Settings.DATABASE_URL);
        if (url.isEmpty()) {
            url = "jdbc:sqlite:" + dataDir.resolve("parley.db");
        } else if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw invalid(Settings.DATABASE_URL, "must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        refusePlaceholder(Settings.DATABASE_PASSWORD);
        refusePlaceholder(Settings.JWT_SECRET);
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
                intIn(Settings.PASSWORD_HASH_MEMORY_KIB, 1024, 1_048_576),
                intIn(Settings.LOGIN_MAX_FAILURES, 1, 1000),
                intIn(Settings.LOGIN_MAX_FAILURES_PER_ADDRESS, 1, 100_000),
                Duration.ofSeconds(intIn(Settings.LOGIN_WINDOW, 1, 86_400)),
                intIn(Settings.REGISTRATIONS_PER_ADDRESS, 1, 100_000));
        var chat = new ParleyConfig.Chat(intIn(Settings.MESSAGE_MAX_CHARS, 1, 100_000),
                intIn(Settings.MESSAGES_PER_MINUTE, 1, 10_000_000), intIn(Settings.MESSAGE_BURST, 1, 10_000_000),
                intIn(Settings.MAX_CONNECTIONS_PER_USER, 1, 100_000),
                intIn(Settings.PENDING_SOCKETS_PER_ADDRESS, 1, 1_000_000),
                intIn(Settings.RECOVERY_PACKETS_PER_ROOM, 1, 100_000));
        String redis = raw.get(Settings.REDIS_URL);
        if (!redis.isEmpty() && !redis.startsWith("redis://") && !redis.startsWith("rediss://")
                && !redis.startsWith("redis-sentinel://")) {
            throw invalid(Settings.REDIS_URL, "must start with redis://, rediss:// or redis-sentinel://");
        }
        String keyPrefix = raw.get(Settings.REDIS_KEY_PREFIX);
        if (keyPrefix.isEmpty() || keyPrefix.length() > 64 || keyPrefix.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(Settings.REDIS_KEY_PREFIX, "must be 1-64 characters without spaces");
        }
        return new ParleyConfig(dataDir, server, database, auth, chat, redis.isEmpty() ? Optional.empty() : Optional.of(redis),
                keyPrefix, files(dataDir), calls(),
                new ParleyConfig.Presence(intIn(Settings.PRESENCE_PUSH_ROOM_SIZE, 0, 100_000),
                        durationIn(Settings.PRESENCE_BATCH_WINDOW, Duration.ZERO, Duration.ofSeconds(5)),
                        durationIn(Settings.PRESENCE_NODE_TIMEOUT, Duration.ofSeconds(2), Duration.ofMinutes(5))));
    }

    private ParleyConfig.Files files(Path dataDir) {
        String dir = raw.get(Settings.FILES_DIR);
        String store = raw.get(Settings.FILES_STORE).toLowerCase();
        if (!store.equals("local") && !store.equals("s3")) throw invalid(Settings.FILES_STORE, "must be local or s3");
        var s3 = new ParleyConfig.S3(raw.get(Settings.S3_ENDPOINT), raw.get(Settings.S3_REGION),
                raw.get(Settings.S3_BUCKET), raw.get(Settings.S3_ACCESS_KEY), raw.get(Settings.S3_SECRET_KEY));
        if (store.equals("s3")) {
            if (s3.bucket().isEmpty()) throw invalid(Settings.S3_BUCKET, "must be set when files-store is s3");
            if (!s3.endpoint().isEmpty() && !s3.endpoint().matches("https?://\\S+")) {
                throw invalid(Settings.S3_ENDPOINT, "must be an http:// or https:// URL");
            }
        }
        return new ParleyConfig.Files(
                dir.isEmpty() ? dataDir.resolve("files") : Path.of(dir).toAbsolutePath().normalize(),
                store, s3,
                longIn(Settings.UPLOAD_MAX_BYTES, 1, Long.MAX_VALUE / 4),
                longIn(Settings.UPLOAD_QUOTA_BYTES, 1, Long.MAX_VALUE / 4),
                intIn(Settings.UPLOADS_CONCURRENT_PER_USER, 1, 10_000),
                intIn(Settings.UPLOADS_PER_MINUTE, 1, 1_000_000),
                durationIn(Settings.UPLOAD_EXPIRY, Duration.ofMinutes(1), Duration.ofDays(365)),
                durationIn(Settings.FILE_LINK_TTL, Duration.ofMinutes(1), Duration.ofDays(7)),
                durationIn(Settings.FILE_DELETE_GRACE, Duration.ZERO, Duration.ofDays(365)),
                bool(Settings.UPLOAD_STRIP_GPS),
                longIn(Settings.PREVIEW_MAX_PIXELS, 1, 1_000_000_000_000L),
                intIn(Settings.PREVIEW_WORKERS, 1, 64));
    }

    private ParleyConfig.Calls calls() {
        List<String> stun = urls(Settings.STUN_URLS, "stun:", "stuns:");
        List<String> turn = urls(Settings.TURN_URLS, "turn:", "turns:");
        String secret = raw.get(Settings.TURN_SECRET);
        if (!turn.isEmpty() && TurnSecrets.isPlaceholder(secret)) {
            throw invalid(Settings.TURN_SECRET, "must be set to the TURN server's shared secret when turn-urls is set");
        }
        return new ParleyConfig.Calls(stun, turn, secret,
                durationIn(Settings.TURN_CREDENTIAL_TTL, Duration.ofSeconds(60), Duration.ofDays(7)),
                intIn(Settings.CALL_MAX_PARTICIPANTS, 2, 16),
                durationIn(Settings.CALL_RING_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(10)),
                durationIn(Settings.CALL_REJOIN_GRACE, Duration.ofMillis(100), Duration.ofMinutes(10)));
    }

    private List<String> urls(Setting s, String... schemes) {
        String value = raw.get(s);
        if (value.isEmpty()) return List.of();
        List<String> urls = Arrays.stream(value.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
        for (String u : urls) {
            if (Arrays.stream(schemes).noneMatch(u::startsWith) || u.chars().anyMatch(Character::isWhitespace)) {
                throw invalid(s, "'" + u + "' does not start with " + String.join(" or ", schemes));
            }
        }
        return urls;
    }

    /** A duration: a whole number with a unit (ms, s, m, h, d); a bare number is seconds. */
    private Duration durationIn(Setting s, Duration min, Duration max) {
        var m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?").matcher(raw.get(s));
        if (!m.matches()) throw invalid(s, "must be a duration such as 30s, 15m or 1h");
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw invalid(s, "must be between " + readable(min) + " and " + readable(max));
        }
        return d;
    }

    private static String readable(Duration d) {
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
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

    /** A secret copied from an example ("change-me...") is public; refuse it rather than run with it. */
    private void refusePlaceholder(Setting s) {
        String folded = raw.get(s).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        if (folded.contains("changeme")) {
            throw new ConfigException("Setting " + s.key() + " (" + s.envName() + ", from " + raw.sourceOf(s)
                    + ") is a placeholder from an example; set a random secret (openssl rand -base64 48).");
        }
    }

    private List<AddressRange> trustedProxies() {
        if (bool(Settings.TRUST_PROXY)) {
            throw invalid(Settings.TRUST_PROXY, "is no longer supported: it let clients choose their own address. "
                    + "List the addresses or CIDR ranges of your reverse proxies in " + Settings.TRUSTED_PROXIES.key()
                    + " (" + Settings.TRUSTED_PROXIES.envName() + "), for example 172.16.0.0/12");
        }
        String value = raw.get(Settings.TRUSTED_PROXIES);
        try {
            return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(AddressRange::parse).toList();
        } catch (IllegalArgumentException e) {
            throw invalid(Settings.TRUSTED_PROXIES, e.getMessage());
        }
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
