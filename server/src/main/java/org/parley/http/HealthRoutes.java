package org.parley.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process answers), {@code /readyz} (it can serve: database reachable), {@code /metrics}. */
public final class HealthRoutes {
    private final BooleanSupplier ready;
    private final PrometheusMeterRegistry metrics;

    public HealthRoutes(BooleanSupplier ready, PrometheusMeterRegistry metrics) {
        this.ready = ready;
        this.metrics = metrics;
    }

    public void health(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    public void readiness(Context ctx) {
        boolean ok = ready.getAsBoolean();
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ready" : "unavailable"));
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
