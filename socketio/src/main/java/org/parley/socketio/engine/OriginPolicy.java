package org.parley.socketio.engine;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.Set;

/**
 * The origin allow-list and the CORS headers of the Engine.IO endpoints. Requests without an
 * {@code Origin} header (non-browser clients) are always allowed; browser requests only from the
 * configured origins ({@code *} allows any) or from a page served by this very server: same host,
 * port and scheme, the scheme being the one the browser used (a TLS-terminating proxy in front
 * reports it in {@code X-Forwarded-Proto}; a browser page cannot set that header on a socket
 * request without a preflight, which this policy refuses). The allow-list rule is public so that
 * an HTTP server mounting the endpoints can apply the same rule to its other routes.
 */
public final class OriginPolicy {

    private final Set<String> allowedOrigins;
    private final boolean anyOrigin;

    public OriginPolicy(Collection<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.anyOrigin = this.allowedOrigins.contains(EngineConfig.ANY_ORIGIN);
    }

    /** Whether a request with this {@code Origin} header (null: none) may use the server. */
    public boolean allows(String origin) {
        return origin == null || anyOrigin || allowedOrigins.contains(origin);
    }

    /** Allowed origins, and a page served by this very server (its origin names the request's scheme and Host). */
    boolean allows(Context ctx) {
        return allows(ctx.header("Origin"), requestScheme(ctx.header("X-Forwarded-Proto"), ctx.scheme()), ctx.header("Host"));
    }

    /** Allowed origins, and a page served by this very server, given the request's scheme (as the browser used it) and Host. */
    boolean allows(String origin, String scheme, String host) {
        return allows(origin) || isSameOrigin(origin, scheme, host);
    }

    /** True when {@code origin} is exactly {@code scheme://host} (case-insensitive). */
    public static boolean isSameOrigin(String origin, String scheme, String host) {
        if (origin == null || scheme == null || host == null) return false;
        return origin.equalsIgnoreCase(scheme + "://" + host);
    }

    /** {@code http} or {@code https} as the browser used it: the proxy's {@code X-Forwarded-Proto}, else the request's. */
    static String requestScheme(String forwardedProto, String connectionScheme) {
        String scheme = forwardedProto == null || forwardedProto.isBlank() ? connectionScheme : forwardedProto.split(",")[0].strip();
        return scheme.toLowerCase(java.util.Locale.ROOT);
    }

    /** Adds CORS response headers for an allowed origin. */
    void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !allows(origin)) {
            return;
        }
        if (anyOrigin) {
            ctx.header("Access-Control-Allow-Origin", "*");
        } else {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Credentials", "true");
            ctx.header("Vary", "Origin");
        }
    }

    /** Answers a preflight request. */
    void preflight(Context ctx) {
        apply(ctx);
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        String requested = ctx.header("Access-Control-Request-Headers");
        if (requested != null && !requested.isBlank()) {
            ctx.header("Access-Control-Allow-Headers", requested);
        }
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }
}
