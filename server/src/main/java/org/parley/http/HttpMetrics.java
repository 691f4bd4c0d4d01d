package org.parley.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Times every HTTP request by method, route template and status class. */
final class HttpMetrics {
    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Context ctx, long startNanos) {
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", (ctx.statusCode() / 100) + "xx")
                .register(registry)
                .record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoint();
            if (endpoint != null) return endpoint.path;
        } catch (RuntimeException e) {
            // no endpoint matched
        }
        return ctx.path().startsWith("/api/") ? "unmatched" : "static";
    }
}
