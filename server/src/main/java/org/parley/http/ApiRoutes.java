package org.parley.http;

import io.javalin.config.JavalinConfig;
import org.parley.auth.AuthRoutes;
import org.parley.users.UserRoutes;

/** The one table of REST routes. Everything under {@code /api/} except {@code /api/auth/} needs a token. */
public record ApiRoutes(RequestAuth requestAuth, HealthRoutes health, AuthRoutes auth, UserRoutes users)
        implements RouteInstaller {

    @Override
    public void install(JavalinConfig config) {
        var r = config.routes;
        r.get("/healthz", health::health);
        r.get("/readyz", health::readiness);
        r.get("/metrics", health::metrics);

        r.post("/api/auth/register", auth::register);
        r.post("/api/auth/login", auth::login);
        r.post("/api/auth/refresh", auth::refresh);
        r.post("/api/auth/logout", auth::logout);

        r.beforeMatched("/api/*", ctx -> {
            if (!ctx.path().startsWith("/api/auth/") && !"OPTIONS".equals(ctx.method().name())) {
                requestAuth.authenticate(ctx);
            }
        });
        r.get("/api/me", users::me);
        r.patch("/api/me", users::updateMe);
        r.get("/api/users", users::search);
    }
}
