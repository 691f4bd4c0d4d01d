package org.parley.config;

import java.util.List;
import java.util.Optional;

/** Every setting Parley reads, with its default. The single source for parsing and for help. */
public final class Settings {
    private Settings() {}

    public static final Setting CONFIG = new Setting("config", "",
            "Path of an optional config file (Java properties: key=value, keys as in this table).");
    public static final Setting PORT = new Setting("port", "8080", "HTTP port (1-65535; 0 picks a free one).");
    public static final Setting HOST = new Setting("host", "0.0.0.0", "Address to bind.");
    public static final Setting DATA_DIR = new Setting("data-dir", "./data",
            "Directory for the SQLite database, uploaded files and the generated dev secret.");
    public static final Setting DATABASE_URL = new Setting("database-url", "",
            "JDBC URL. Empty: SQLite at <data-dir>/parley.db. jdbc:postgresql://... selects PostgreSQL.");
    public static final Setting DATABASE_USER = new Setting("database-user", "", "Database user (PostgreSQL).");
    public static final Setting DATABASE_PASSWORD = new Setting("database-password", "",
            "Database password (PostgreSQL).");
    public static final Setting DATABASE_POOL_SIZE = new Setting("database-pool-size", "10",
            "Maximum database connections (1-200).");
    public static final Setting REDIS_URL = new Setting("redis-url", "",
            "Redis carrying events between nodes: redis://host:port, or redis-sentinel://sentinel1:26379,sentinel2:26379#master "
                    + "to follow a Sentinel-managed primary. Empty: a single node.");
    public static final Setting REDIS_KEY_PREFIX = new Setting("redis-key-prefix", "parley:",
            "Prefix of the keys the nodes keep in Redis (node leases, presence); every node of a cluster uses the same "
            + "one (1-64 characters, no spaces).");
    public static final Setting JWT_SECRET = new Setting("jwt-secret", "",
            "HS256 secret for access tokens, at least 32 bytes. Empty: generated once into <data-dir>/jwt-secret.");
    public static final Setting ACCESS_TOKEN_TTL = new Setting("access-token-ttl-seconds", "900",
            "Lifetime of an access token in seconds (60-86400).");
    public static final Setting REFRESH_TOKEN_TTL = new Setting("refresh-token-ttl-days", "30",
            "Lifetime of a sign-in session's refresh token in days (1-365).");
    public static final Setting ALLOWED_ORIGINS = new Setting("allowed-origins", "",
            "Comma-separated browser origins allowed cross-origin (CORS and sockets). Empty: same origin only; * allows any.");
    public static final Setting MAX_REQUEST_BYTES = new Setting("max-request-bytes", "1048576",
            "Largest accepted request body for API calls, in bytes.");
    public static final Setting PASSWORD_HASH_CONCURRENCY = new Setting("password-hash-concurrency", "2",
            "Password hashes computed at once (each takes 19 MiB); more wait.");
    public static final Setting PASSWORD_HASH_MEMORY_KIB = new Setting("password-hash-memory-kib", "19456",
            "Memory of one Argon2id password hash in KiB (1024-1048576). Below 19456 only for benchmarks: the server warns at start, and accounts hashed so are rehashed at their next sign-in once it is raised again.");
    public static final Setting LOGIN_MAX_FAILURES = new Setting("login-max-failures", "5",
            "Failed sign-ins allowed per account within the login window before it is throttled.");
    public static final Setting LOGIN_MAX_FAILURES_PER_ADDRESS = new Setting("login-max-failures-per-address", "20",
            "Failed sign-ins allowed per client address within the login window.");
    public static final Setting LOGIN_WINDOW = new Setting("login-window-seconds", "900",
            "Window for counting failed sign-ins, in seconds.");
    public static final Setting REGISTRATIONS_PER_ADDRESS = new Setting("registrations-per-address-per-hour", "20",
            "Accounts that one client address may create per hour.");
    public static final Setting MESSAGE_MAX_CHARS = new Setting("message-max-chars", "4000",
            "Longest message, in characters (1-100000).");
    public static final Setting MESSAGES_PER_MINUTE = new Setting("messages-per-minute", "60",
            "Messages one user may send per minute, on average.");
    public static final Setting MESSAGE_BURST = new Setting("message-burst", "20",
            "Messages one user may send at once before the per-minute rate applies.");
    public static final Setting MAX_CONNECTIONS_PER_USER = new Setting("max-connections-per-user", "20",
            "Open socket connections one user may hold on one node.");
    public static final Setting PENDING_SOCKETS_PER_ADDRESS = new Setting("pending-sockets-per-address", "32",
            "Socket connections one client address may hold open before they sign in; further handshakes get 429.");
    public static final Setting RECOVERY_PACKETS_PER_ROOM = new Setting("recovery-packets-per-room", "500",
            "Latest broadcasts each room keeps so a socket that drops for up to 2 minutes resumes without a resync "
            + "(1-100000).");
    public static final Setting TRUSTED_PROXIES = new Setting("trusted-proxies", "",
            "Comma-separated addresses or CIDR ranges of your reverse proxies; behind them the client address is the "
            + "right-most X-Forwarded-For hop that is not one of them. Empty: X-Forwarded-For is ignored.");
    public static final Setting TRUST_PROXY = new Setting("trust-proxy", "false",
            "Removed: true refuses to start; list your proxies in trusted-proxies instead.");
    public static final Setting MANAGEMENT_HOST = new Setting("management-host", "127.0.0.1",
            "Address of the management listener that serves /metrics; keep it off the public network.");
    public static final Setting MANAGEMENT_PORT = new Setting("management-port", "9464",
            "Port of the management listener that serves /metrics (1-65535; 0 picks a free one).");
    public static final Setting SHUTDOWN_GRACE = new Setting("shutdown-grace-seconds", "10",
            "How long a stopping node waits for in-flight work.");
    public static final Setting FILES_DIR = new Setting("files-dir", "",
            "Directory of uploaded files (local store). Empty: <data-dir>/files.");
    public static final Setting FILES_STORE = new Setting("files-store", "local",
            "Where file bytes live: local (files-dir) or s3 (an S3-compatible bucket).");
    public static final Setting S3_ENDPOINT = new Setting("s3-endpoint", "",
            "S3 endpoint URL (path-style), e.g. https://s3.eu-west-1.amazonaws.com or http://minio:9000.");
    public static final Setting S3_REGION = new Setting("s3-region", "us-east-1", "S3 region.");
    public static final Setting S3_BUCKET = new Setting("s3-bucket", "", "S3 bucket for file bytes (must exist).");
    public static final Setting S3_ACCESS_KEY = new Setting("s3-access-key", "", "S3 access key id.");
    public static final Setting S3_SECRET_KEY = new Setting("s3-secret-key", "", "S3 secret access key.");
    public static final Setting UPLOAD_MAX_BYTES = new Setting("upload-max-bytes", "104857600",
            "Largest file one upload may carry, in bytes (100 MiB).");
    public static final Setting UPLOAD_QUOTA_BYTES = new Setting("upload-quota-bytes", "10737418240",
            "Bytes one user's files (finished and unfinished, not deleted) may take in total (10 GiB).");
    public static final Setting UPLOADS_CONCURRENT_PER_USER = new Setting("uploads-concurrent-per-user", "4",
            "Unfinished uploads one user may have at once.");
    public static final Setting UPLOADS_PER_MINUTE = new Setting("uploads-per-minute", "30",
            "Uploads one user may start per minute (also the burst).");
    public static final Setting UPLOAD_EXPIRY = new Setting("upload-expiry", "24h",
            "How long an unfinished upload, or a finished one attached to no message, is kept (s, m, h or d).");
    public static final Setting FILE_LINK_TTL = new Setting("file-link-ttl", "10m",
            "Lifetime of a signed file link (s, m, h or d; 1 minute to 7 days).");
    public static final Setting FILE_DELETE_GRACE = new Setting("file-delete-grace", "24h",
            "How long the bytes of a deleted file are kept before they are purged (s, m, h or d).");
    public static final Setting UPLOAD_STRIP_GPS = new Setting("upload-strip-gps", "false",
            "Remove the GPS position from the EXIF of uploaded JPEG originals when they finish.");
    public static final Setting PREVIEW_MAX_PIXELS = new Setting("preview-max-pixels", "50000000",
            "Largest image (width x height) decoded for a preview; larger images get none.");
    public static final Setting PREVIEW_WORKERS = new Setting("preview-workers", "2",
            "Threads making previews (thumbnails of images and PDF first pages).");
    public static final Setting STUN_URLS = new Setting("stun-urls", "",
            "Comma-separated STUN URLs handed to calls (stun:host:3478). Empty: none.");
    public static final Setting TURN_URLS = new Setting("turn-urls", "",
            "Comma-separated TURN URLs handed to calls (turn:host:3478?transport=udp, turns:...). Empty: no relay.");
    public static final Setting TURN_SECRET = new Setting("turn-secret", "",
            "Secret shared with the TURN server (coturn static-auth-secret); required with turn-urls.");
    public static final Setting TURN_CREDENTIAL_TTL = new Setting("turn-credential-ttl", "1h",
            "Lifetime of a TURN credential (60s-7d; units ms, s, m, h, d).");
    public static final Setting CALL_MAX_PARTICIPANTS = new Setting("call-max-participants", "6",
            "People in one call at most (2-16; media is a mesh between them).");
    public static final Setting CALL_RING_TIMEOUT = new Setting("call-ring-timeout", "30s",
            "A call nobody accepts within this time ends as missed (100ms-10m).");
    public static final Setting CALL_REJOIN_GRACE = new Setting("call-rejoin-grace", "15s",
            "A participant whose connection is gone for longer than this is dropped from the call (100ms-10m).");

    public static final Setting PRESENCE_PUSH_ROOM_SIZE = new Setting("presence-push-room-size", "50",
            "Rooms of at most this many members hear each member's presence changes; in larger rooms a client asks for "
            + "the people it shows (watch_presence). Direct rooms always hear them (0-100000).");
    public static final Setting PRESENCE_BATCH_WINDOW = new Setting("presence-batch-window", "250ms",
            "Presence changes are gathered per connection for this long and sent as one presence_batch (0ms-5s).");
    public static final Setting PRESENCE_NODE_TIMEOUT = new Setting("presence-node-timeout", "10s",
            "With redis-url: a node that has not renewed its lease for this long counts as gone, and its users go "
            + "offline unless another node has them; leases are renewed every quarter of it (2s-5m).");

    public static final List<Setting> ALL = List.of(CONFIG, PORT, HOST, DATA_DIR, DATABASE_URL, DATABASE_USER,
            DATABASE_PASSWORD, DATABASE_POOL_SIZE, REDIS_URL, REDIS_KEY_PREFIX, JWT_SECRET, ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL,
            ALLOWED_ORIGINS, MAX_REQUEST_BYTES, PASSWORD_HASH_CONCURRENCY, PASSWORD_HASH_MEMORY_KIB, LOGIN_MAX_FAILURES,
            LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW, REGISTRATIONS_PER_ADDRESS, MESSAGE_MAX_CHARS,
            MESSAGES_PER_MINUTE, MESSAGE_BURST, MAX_CONNECTIONS_PER_USER, PENDING_SOCKETS_PER_ADDRESS,
            RECOVERY_PACKETS_PER_ROOM,
            TRUSTED_PROXIES, TRUST_PROXY, MANAGEMENT_HOST, MANAGEMENT_PORT, SHUTDOWN_GRACE,
            FILES_DIR, FILES_STORE, S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY,
            UPLOAD_MAX_BYTES, UPLOAD_QUOTA_BYTES, UPLOADS_CONCURRENT_PER_USER, UPLOADS_PER_MINUTE, UPLOAD_EXPIRY,
            FILE_LINK_TTL, FILE_DELETE_GRACE, UPLOAD_STRIP_GPS, PREVIEW_MAX_PIXELS, PREVIEW_WORKERS,
            STUN_URLS, TURN_URLS, TURN_SECRET, TURN_CREDENTIAL_TTL, CALL_MAX_PARTICIPANTS, CALL_RING_TIMEOUT,
            CALL_REJOIN_GRACE, PRESENCE_PUSH_ROOM_SIZE, PRESENCE_BATCH_WINDOW,
            PRESENCE_NODE_TIMEOUT);

    public static Optional<Setting> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
