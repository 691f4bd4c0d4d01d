package org.parley.http;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.parley.config.ParleyConfig;
import org.parley.json.Json;

/**
 * The node's HTTP and WebSocket server: Javalin on Jetty with virtual threads, the security
 * headers, CORS, request ids, error mapping and the web app; features add their routes through
 * {@link RouteInstaller}s.
 */
public final class HttpServer {
    private static final String START = "parley.metrics.start";
    /** Connections the kernel may hold unaccepted: a node restart brings thousands back at once. */
    static final int ACCEPT_BACKLOG = 4096;
    /** Request headers must arrive within two of these (see {@link HeaderDeadline}). */
    static final java.time.Duration HEADER_TICK = java.time.Duration.ofSeconds(5);

    private final Javalin app;
    private final ParleyConfig.Server config;

    public HttpServer(ParleyConfig.Server config, MeterRegistry registry, List<RouteInstaller> installers) {
        this.config = config;
        CorsPolicy cors = new CorsPolicy(config.allowedOrigins());
        HttpMetrics metrics = new HttpMetrics(registry);
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.http.maxRequestSize = config.maxRequestBytes();
            c.http.generateEtags = true;
            c.jsonMapper(new JavalinJackson3(Json.MAPPER, true));
            c.jetty.modifyServer(server -> {
                server.setStopTimeout(config.shutdownGrace().toMillis());
                server.addEventListener(new AcceptBacklog(ACCEPT_BACKLOG));
                server.addEventListener(new HeaderDeadline(HEADER_TICK));
            });
            // room for long query strings (a pasted 10,000-character search), so the API answers them itself
            c.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(64 * 1024));
            c.routes.before(ctx -> {
                ctx.attribute(START, System.nanoTime());
                RequestLog.begin(ctx);
                SecurityHeaders.apply(ctx);
                if (cors.apply(ctx)) ctx.skipRemainingHandlers();
            });
            c.routes.after(ctx -> {
                Long start = ctx.attribute(START);
                if (start == null) return; // already finished (after-handlers can run twice on errors)
                ctx.attribute(START, null);
                metrics.record(ctx, start);
                RequestLog.end(ctx, start);
            });
            ApiErrors.install(c);
            WebApp.install(c);
            c.spaRoot.addHandler("/", ctx -> {
                if (ctx.path().startsWith("/api/")) {
                    ApiErrors.write(ctx, 404, "not_found", "No such endpoint.", java.util.Map.of());
                } else {
                    WebApp.fallback(ctx);
                }
            });
            installers.forEach(i -> i.install(c));
        });
    }

    public HttpServer start() {
        app.start(config.host(), config.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
