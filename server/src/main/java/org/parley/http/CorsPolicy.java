package org.parley.http;

import io.javalin.http.Context;
import java.util.List;
import org.parley.socketio.engine.OriginPolicy;

/**
 * Cross-origin access to the API for the configured origins only. Same-origin requests need
 * nothing; a request from another origin gets CORS headers only when that origin is allowed. The
 * allow-list is the gateway's own {@link OriginPolicy}, so REST and Socket.IO admit the same
 * origins; only the headers differ (the API always names the origin and allows credentials, and
 * lists the methods and headers of REST and tus uploads).
 */
final class CorsPolicy {
    /** Response headers scripts of an allowed origin may read: tus uploads' and file downloads'. */
    static final String EXPOSED = "Location, Upload-Offset, Upload-Length, Upload-Expires, Tus-Resumable, Tus-Version, "
            + "Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm, Retry-After, X-Request-Id, Content-Range, "
            + "Content-Disposition, ETag";
    private final OriginPolicy origins;

    CorsPolicy(List<String> allowedOrigins) {
        this.origins = new OriginPolicy(allowedOrigins);
    }

    boolean allows(String origin) {
        return origin != null && origins.allows(origin);
    }

    /** Adds CORS headers; answers preflight requests itself. Returns true when the request is handled. */
    boolean apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (!allows(origin)) return false;
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Credentials", "true");
        if ("OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
            ctx.header("Access-Control-Allow-Headers",
                    "Authorization, Content-Type, Upload-Length, Upload-Offset, Upload-Metadata, Upload-Checksum, "
                            + "Upload-Defer-Length, Upload-Concat, Tus-Resumable, X-Requested-With, Range, If-None-Match");
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            return true;
        }
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
        return false;
    }
}
