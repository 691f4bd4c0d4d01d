package org.parley.http;

import io.javalin.http.Context;

/** Finds the client's address: the socket peer, or the first X-Forwarded-For hop behind a trusted proxy. */
public record ClientAddresses(boolean trustProxy) {

    public String of(Context ctx) {
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) return forwarded.split(",")[0].strip();
        }
        return ctx.ip();
    }
}
