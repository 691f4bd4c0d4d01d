package org.parley.auth;

import io.javalin.http.Context;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;

/** Reads the bearer access token of a request and proves who sent it. */
public final class RequestAuth {
    private static final String ATTRIBUTE = "parley.principal";

    private final AccessTokenVerifier verifier;

    public RequestAuth(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Before-filter for protected paths: rejects requests without a valid access token. */
    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in first: this call needs an access token.");
        }
        Principal principal = verifier.verify(header.substring(7).strip()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new ParleyException(ErrorCode.UNAUTHORIZED, "The access token is invalid or expired.");
        });
        ctx.attribute(ATTRIBUTE, principal);
    }

    /** The caller of a protected route; only valid after {@link #authenticate}. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) throw new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in first: this call needs an access token.");
        return p;
    }
}
