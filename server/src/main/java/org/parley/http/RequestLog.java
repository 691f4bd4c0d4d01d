package org.parley.http;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Gives each request an id (echoed as X-Request-Id, put in the log context) and logs its outcome. */
final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger("org.parley.http.access");

    private RequestLog() {}

    static void begin(Context ctx) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        ctx.header("X-Request-Id", id);
        MDC.put("requestId", id);
    }

    static void end(Context ctx, long startNanos) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        int status = ctx.statusCode();
        if (status >= 500) {
            log.warn("{} {} -> {} in {} ms", ctx.method(), ctx.path(), status, String.format("%.1f", ms));
        } else if (log.isDebugEnabled() || (status >= 400 && ctx.path().startsWith("/api/"))) {
            log.info("{} {} -> {} in {} ms", ctx.method(), ctx.path(), status, String.format("%.1f", ms));
        }
        MDC.remove("requestId");
    }
}
