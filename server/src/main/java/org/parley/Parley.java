package org.parley;

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
import org.parley.auth.AccessTokens;
import org.parley.auth.AuthRoutes;
import org.parley.auth.AuthService;
import org.parley.auth.JwtSecrets;
import org.parley.auth.PasswordHasher;
import org.parley.config.ConfigException;
import org.parley.config.ConfigLoader;
import org.parley.config.ParleyConfig;
import org.parley.config.Settings;
import org.parley.http.ApiRoutes;
import org.parley.http.ClientAddresses;
import org.parley.http.HealthRoutes;
import org.parley.http.HttpServer;
import org.parley.http.RequestAuth;
import org.parley.http.RouteInstaller;
import org.parley.storage.Database;
import org.parley.users.UserRoutes;
import org.parley.users.UserService;
import org.parley.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Composition root: builds one Parley node from its configuration with plain constructors. */
public final class Parley implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Parley.class);

    private final Database db;
    private final HttpServer http;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Parley(Database db, HttpServer http) {
        this.db = db;
        this.http = http;
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
        try {
            AccessTokens tokens = new AccessTokens(JwtSecrets.resolve(config.auth().jwtSecret(), config.dataDir()),
                    config.auth().accessTokenTtl(), clock);
            UserStore userStore = new UserStore(db);
            AuthService auth = new AuthService(db, userStore, new PasswordHasher(config.auth().passwordHashConcurrency()),
                    tokens, config.auth(), clock);
            UserService users = new UserService(userStore, clock);
            ClientAddresses addresses = new ClientAddresses(config.server().trustProxy());

            Parley[] self = new Parley[1];
            HealthRoutes health = new HealthRoutes(() -> self[0] != null && !self[0].stopping.get() && db.isReachable(),
                    metrics);
            List<RouteInstaller> installers = new ArrayList<>();
            installers.add(new ApiRoutes(new RequestAuth(tokens), health, new AuthRoutes(auth, addresses),
                    new UserRoutes(users)));
            HttpServer http = new HttpServer(config.server(), metrics, installers).start();
            self[0] = new Parley(db, http);
            log.info("Parley is listening on http://{}:{}", displayHost(config.server().host()), http.port());
            return self[0];
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** Stops accepting work, lets in-flight requests finish, then closes the database. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) return;
        log.info("Parley is shutting down");
        http.stop();
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
