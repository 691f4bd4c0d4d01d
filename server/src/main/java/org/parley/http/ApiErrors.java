package org.parley.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure into {@code {"error": {"code", "message", "fields"?}}} with the right status.
 * A client hanging up mid-request is logged at debug in one line; only unexpected failures are
 * logged as errors, with their stack trace.
 */
final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    static void install(JavalinConfig config) {
        config.routes.exception(ParleyException.class, (e, ctx) -> {
            e.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
            write(ctx, e.code().httpStatus(), e.code().code(), e.getMessage(), e.fields());
        });
        config.routes.exception(JacksonException.class, (e, ctx) ->
                write(ctx, 400, ErrorCode.INVALID_INPUT.code(), RequestBody.NOT_JSON, Map.of()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            write(ctx, status, codeFor(status), e.getMessage(), Map.of());
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (clientHungUp(e)) {
                // routine (a closed tab, a lost network): one quiet line, and no answer, since nobody is listening
                log.debug("Client hung up during {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.status(400);
                return;
            }
            if (rootCause(e) instanceof JacksonException) {
                write(ctx, 400, ErrorCode.INVALID_INPUT.code(), RequestBody.NOT_JSON, Map.of());
                return;
            }
            log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal", "Something went wrong on the server.", Map.of());
        });
        config.routes.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                write(ctx, 404, ErrorCode.NOT_FOUND.code(), "No such endpoint.", Map.of());
            }
        });
        config.routes.error(413, ctx -> write(ctx, 413, ErrorCode.TOO_LARGE.code(), "The request body is too large.", Map.of()));
        config.routes.error(405, ctx -> write(ctx, 405, "method_not_allowed", "Method not allowed.", Map.of()));
    }

    static void write(Context ctx, int status, String code, String message, Map<String, String> fields) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (!fields.isEmpty()) error.put("fields", fields);
        ctx.status(status).json(Map.of("error", error));
    }

    private static String codeFor(int status) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.httpStatus() == status) return c.code();
        }
        return status >= 500 ? "internal" : "bad_request";
    }

    /** True when the failure is the client's connection ending early (Jetty's end-of-file while reading). */
    private static boolean clientHungUp(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException) return true;
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }
}
