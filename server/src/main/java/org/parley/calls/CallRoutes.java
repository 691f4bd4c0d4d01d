package org.parley.calls;

import io.javalin.http.Context;
import org.parley.auth.RequestAuth;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.http.Params;

/** REST handlers for calls: the caller's ICE servers, and a room's call in progress (for a page load). */
public final class CallRoutes {
    private final CallService calls;
    private final IceServers iceServers;

    public CallRoutes(CallService calls, IceServers iceServers) {
        this.calls = calls;
        this.iceServers = iceServers;
    }

    public void iceServers(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(iceServers.forUser(RequestAuth.principal(ctx).userId()));
    }

    public void roomCall(Context ctx) {
        ctx.json(calls.current(RequestAuth.principal(ctx), Params.pathId(ctx, "roomId"))
                .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "No call is in progress in this room.")));
    }
}
