package org.parley.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;

/**
 * {@code /healthz} (the process answers) and {@code /readyz} (it can serve: database reachable).
 * {@code /metrics} is not served on the app's port but by the {@link ManagementServer}; here it
 * is a plain 404, so that it never falls through to the web app's pages either.
 */
public final class HealthRoutes {
    private final BooleanSupplier ready;

    public HealthRoutes(BooleanSupplier ready) {
        this.ready = ready;
    }

    public void health(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    public void readiness(Context ctx) {
        boolean ok = ready.getAsBoolean();
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ready" : "unavailable"));
    }

    public void metricsNotServedHere(Context ctx) {
        throw new ParleyException(ErrorCode.NOT_FOUND, "Not found.");
    }
}
