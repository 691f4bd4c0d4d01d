package org.parley;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.api.ApiRoutes;
import org.parley.auth.AccessTokenVerifier;
import org.parley.auth.AccessTokens;
import org.parley.auth.AuthRoutes;
import org.parley.auth.AuthService;
import org.parley.auth.JwtSecrets;
import org.parley.auth.PasswordHasher;
import org.parley.auth.RequestAuth;
import org.parley.auth.SessionCheckedTokens;
import org.parley.auth.SessionRevocations;
import org.parley.config.ConfigException;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.config.Settings;
import org.parley.http.ClientAddresses;
import org.parley.http.DependencyChecks;
import org.parley.http.HealthRoutes;
import org.parley.http.HttpServer;
import org.parley.http.ManagementServer;
import org.parley.http.RouteInstaller;
import org.parley.bus.EventBus;
import org.parley.bus.LocalBus;
import org.parley.bus.RedisBus;
import org.parley.calls.CallRoutes;
import org.parley.calls.CallService;
import org.parley.files.BlobStore;
import org.parley.files.BlobStores;
import org.parley.files.FileLinks;
import org.parley.files.FileRoutes;
import org.parley.files.FileService;
import org.parley.files.FileSweeper;
import org.parley.files.Previews;
import org.parley.files.TusRoutes;
import org.parley.files.UploadCompletion;
import org.parley.files.UploadLimits;
import org.parley.files.Uploads;
import org.parley.calls.CallSettings;
import org.parley.calls.CallSignals;
import org.parley.calls.IceServers;
import org.parley.gateway.ChatGateway;
import org.parley.socketio.engine.EngineConfig;
import org.parley.socketio.SocketIoConfig;
import org.parley.socketio.SocketIoServer;
import org.parley.presence.PresenceLedger;
import org.parley.presence.PresenceService;
import org.parley.presence.PresenceStatus;
import org.parley.push.PublishTap;
import org.parley.push.PushNotifier;
import org.parley.push.PushRoutes;
import org.parley.push.PushService;
import org.parley.push.VapidKeys;
import org.parley.presence.TypingService;
import org.parley.limits.RateLimiter;
import org.parley.messages.MessageReader;
import org.parley.messages.MessageRoutes;
import org.parley.messages.MessageRules;
import org.parley.messages.MessageService;
import org.parley.messages.SyncService;
import org.parley.messages.SystemNotices;
import org.parley.rooms.MembershipService;
import org.parley.rooms.Memberships;
import org.parley.rooms.RoomRoutes;
import org.parley.rooms.RoomService;
import org.parley.search.SearchRoutes;
import org.parley.search.SearchService;
import org.parley.storage.Database;
import org.parley.users.Accounts;
import org.parley.users.UserDirectory;
import org.parley.users.UserRoutes;
import org.parley.users.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Composition root: builds one Parley node from its configuration with plain constructors. */
public final class Parley implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Parley.class);

    private final Database db;
    private final EventBus bus;
    private final List<AutoCloseable> services;
    private SocketIoServer io;
    private HttpServer http;
    private ManagementServer management;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Parley(Database db, EventBus bus, List<AutoCloseable> services) {
        this.db = db;
        this.bus = bus;
        this.services = services;
    }

    /** Builds and starts a node. */
    public static Parley start(ParleyConfig config, Clock clock) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);

        Database db = Database.open(config.database());
        EventBus bus;
        try {
            bus = config.redisUrl().<EventBus>map(RedisBus::new).orElseGet(LocalBus::new);
        } catch (RuntimeException e) {
            db.close();
            throw new IllegalStateException("Cannot connect to Redis at " + config.redisUrl().orElse("") + ": "
                    + e.getMessage(), e);
        }
        if (bus instanceof RedisBus redis) {
            FunctionCounter.builder("parley.bus.received", redis, RedisBus::receivedTotal)
                    .description("Events this node heard from Redis, its own copies included").register(metrics);
            Gauge.builder("parley.bus.topics", redis, RedisBus::carriedTopics)
                    .description("Topics (rooms, users) this node has sockets in and so subscribes to").register(metrics);
        }
        List<AutoCloseable> services = new ArrayList<>();
        try {
            byte[] tokenSecret = JwtSecrets.resolve(config.auth().jwtSecret(), config.dataDir());
            AccessTokens tokens = new AccessTokens(tokenSecret, config.auth().accessTokenTtl(), clock);
            SessionRevocations revocations = new SessionRevocations(db, clock, java.time.Duration.ofSeconds(10),
                    config.auth().accessTokenTtl().plusMinutes(1));
            revocations.listenTo(bus);
            AccessTokenVerifier verifier = new SessionCheckedTokens(tokens, revocations);
            AuthService auth = new AuthService(db, new Accounts(db),
                    new PasswordHasher(config.auth().passwordHashConcurrency(), config.auth().passwordHashMemoryKib()), tokens, config.auth(), bus,
                    revocations, clock);
            UserService users = new UserService(db, clock);
            UserDirectory directory = new UserDirectory(db);
            ClientAddresses addresses = new ClientAddresses(config.server().trustedProxies());

            // rooms declares what it needs from messages (RoomNotices); messages implements it
            Memberships memberships = new Memberships(db.dialect());
            SystemNotices notices = new SystemNotices(db.dialect(), memberships);
            RoomService rooms = new RoomService(db, notices, directory, bus, clock);
            var callConfig = config.calls();
            CallService calls = new CallService(db, memberships, notices, bus, clock, new CallSettings(
                    callConfig.maxParticipants(), callConfig.ringTimeout(), callConfig.rejoinGrace()));
            services.add(calls);
            MembershipService members = new MembershipService(db, notices, directory, bus, clock, calls);
            var chat = config.chat();
            // with Redis, presence is kept per node under a lease, so a node that dies takes its users' presence along
            PresenceLedger ledger = bus instanceof RedisBus redis
                    ? PresenceLedger.inRedis(config.redisUrl().orElseThrow(), config.redisKeyPrefix(), redis.nodeId(),
                            config.presence().nodeTimeout())
                    : PresenceLedger.inMemory();
            PresenceService presence = new PresenceService(db, memberships, directory, bus, clock,
                    java.time.Duration.ofSeconds(3), config.presence().pushRoomSize(), ledger);
            services.add(presence);
            // Web Push: messages published here are pushed to their recipients who have no connection
            VapidKeys vapid = VapidKeys.resolve(config.dataDir());
            PushService push = new PushService(db, bus, clock);
            PushNotifier pushes = new PushNotifier(db, memberships, push, vapid, "mailto:push@parley.invalid",
                    ids -> presence.statusesOf(ids).stream().filter(p -> PresenceStatus.OFFLINE.equals(p.status()))
                            .map(PresenceStatus::userId).collect(java.util.stream.Collectors.toSet()), clock);
            services.add(pushes);
            bus.subscribe(pushes::heard);
            MessageService messages = new MessageService(db, memberships, new MessageRules(chat.messageMaxChars()),
                    new RateLimiter(chat.messageBurst(), chat.messagesPerMinute(), java.time.Duration.ofMinutes(1), clock),
                    new PublishTap(bus, pushes::published), clock);
            services.add(messages);
            SyncService sync = new SyncService(db, memberships);
            TypingService typing = new TypingService(db, memberships, bus, clock, java.time.Duration.ofSeconds(5));
            services.add(typing);

            // files reads rooms (membership decides access); it knows nothing of messages
            var fileConfig = config.files();
            BlobStore blobs = BlobStores.open(fileConfig);
            services.add(blobs);
            Previews previews = new Previews(db, blobs, fileConfig.previewWorkers(), fileConfig.previewMaxPixels());
            services.add(previews);
            // a preview made after its message was sent: the message is announced again with it
            previews.listen(messages::attachmentChanged);
            Uploads uploads = new Uploads(db, blobs, UploadLimits.of(fileConfig), new UploadCompletion(db, blobs,
                    fileConfig.previewMaxPixels(), previews, fileConfig.uploadExpiry(), fileConfig.stripGps(), clock), clock);
            FileService fileService = new FileService(db, memberships, blobs,
                    new FileLinks(tokenSecret, fileConfig.linkTtl(), clock));
            services.add(new FileSweeper(db, blobs, fileConfig.deleteGrace(), clock).start());

            Parley node = new Parley(db, bus, services);
            node.io = new SocketIoServer(socketConfig(config, addresses), metrics, clock);
            new ChatGateway(node.io, verifier, bus, rooms, messages, sync, typing, presence,
                    calls, new CallSignals(db, memberships, calls, bus, clock), config.chat().maxConnectionsPerUser(),
                    config.presence().batchWindow());
            Map<String, java.util.function.BooleanSupplier> probes = new java.util.LinkedHashMap<>();
            probes.put("database", db::isReachable);
            probes.put("bus", bus instanceof RedisBus redis ? redis::isReachable : () -> true);
            DependencyChecks dependencies = new DependencyChecks(probes, java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(1));
            services.add(dependencies);
            HealthRoutes health = new HealthRoutes(node.stopping::get, dependencies);
            List<RouteInstaller> installers = new ArrayList<>();
            installers.add(new ApiRoutes(new RequestAuth(verifier), health, new AuthRoutes(auth, addresses),
                    new UserRoutes(users), new RoomRoutes(rooms, members), new MessageRoutes(messages),
                    new SearchRoutes(new SearchService(db, new MessageReader(db.dialect()))),
                    new TusRoutes(uploads), new FileRoutes(fileService),
                    new CallRoutes(calls, new IceServers(callConfig.stunUrls(), callConfig.turnUrls(),
                            callConfig.turnSecret(), callConfig.turnCredentialTtl(), clock)), new PushRoutes(push, vapid)));
            installers.add(node.io::install);
            node.management = ManagementServer.start(config.server().managementHost(),
                    config.server().managementPort(), metrics);
            services.add(node.management::stop);
            node.http = new HttpServer(config.server(), metrics, installers).start();
            log.info("Metrics are served at http://{}:{}/metrics", config.server().managementHost(),
                    node.management.port());
            log.info("Parley is listening on http://{}:{}", displayHost(config.server().host()), node.http.port());
            return node;
        } catch (RuntimeException e) {
            closeAll(services);
            bus.close();
            db.close();
            throw e;
        }
    }

    private static SocketIoConfig socketConfig(ParleyConfig config, ClientAddresses addresses) {
        // handshakes not yet signed in are counted per client address, read as the REST throttles read it
        EngineConfig engine = EngineConfig.defaults()
                .withAllowedOrigins(java.util.Set.copyOf(config.server().allowedOrigins()))
                .withPendingLimit(config.chat().pendingSocketsPerAddress(),
                        request -> addresses.resolve(request.remoteAddress(), request.header("X-Forwarded-For")))
                // an open session needs no request header but the proxy chain; cookies and the rest are let go
                .withKeptHeaders(java.util.Set.of("X-Forwarded-For"));
        // a real client sends CONNECT right after the handshake; a session that never does is dropped soon
        SocketIoConfig defaults = SocketIoConfig.defaults();
        SocketIoConfig.RecoveryConfig recovery = defaults.recovery();
        // each room keeps its own latest broadcasts, so a busy room does not cost a quiet one its recovery
        return defaults.withEngine(engine).withConnectTimeout(java.time.Duration.ofSeconds(10))
                .withRecovery(new SocketIoConfig.RecoveryConfig(recovery.enabled(), recovery.maxDisconnectionDuration(),
                        config.chat().recoveryPacketsPerRoom(), recovery.maxLoggedBytes()));
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Error while closing {}", c.getClass().getSimpleName(), e);
            }
        }
    }

    /** This node's event bus. */
    public EventBus bus() {
        return bus;
    }

    public int port() {
        return http.port();
    }

    /** The port of the management listener ({@code /metrics}). */
    public int managementPort() {
        return management.port();
    }

    /** Stops accepting work, lets in-flight requests finish, then closes the database. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) return;
        log.info("Parley is shutting down");
        io.close();
        http.stop();
        closeAll(services);
        bus.close();
        db.close();
        log.info("Parley stopped");
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            printHelp();
            return;
        }
        ParleyConfig config;
        try {
            config = ConfigLoader.load(List.of(args), System.getenv());
        } catch (ConfigException e) {
            System.err.println("parley: " + e.getMessage());
            System.exit(2);
            return;
        }
        Parley node;
        try {
            node = start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            log.error("Parley could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "parley-shutdown"));
    }

    private static void printHelp() {
        System.out.println("Usage: parley [--setting value]...\n\nSettings (flag, environment variable, default):");
        for (var s : Settings.ALL) {
            System.out.printf("  %-36s %-42s %s%n      %s%n", s.flag(), s.envName(),
                    s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue(), s.description());
        }
    }

    private static String displayHost(String host) {
        return Map.of("0.0.0.0", "localhost", "::", "localhost").getOrDefault(host, host);
    }
}
