package org.parley.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;

/**
 * {@code /healthz} (the process answers) and {@code /readyz} (it can serve: every dependency
 * answers, and the node is not shutting down). Readiness is read from the last background probes
 * ({@link DependencyChecks}), so it answers at once even while a dependency hangs.
 * {@code /metrics} is not served on the app's port but by the {@link ManagementServer}; here it
 * is a plain 404, so that it never falls through to the web app's pages either.
 */
public final class HealthRoutes {
    private final BooleanSupplier stopping;
    private final DependencyChecks dependencies;

    public HealthRoutes(BooleanSupplier stopping, DependencyChecks dependencies) {
        this.stopping = stopping;
        this.dependencies = dependencies;
    }

    public void health(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    public void readiness(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean ok = true;
        for (var e : dependencies.states().entrySet()) {
            checks.put(e.getKey(), e.getValue() ? "up" : "down");
            ok &= e.getValue();
        }
        boolean stoppingNow = stopping.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", stoppingNow ? "stopping" : ok ? "ready" : "unavailable");
        body.put("checks", checks);
        ctx.status(ok && !stoppingNow ? 200 : 503).json(body);
    }

    public void metricsNotServedHere(Context ctx) {
        throw new ParleyException(ErrorCode.NOT_FOUND, "Not found.");
    }
}
