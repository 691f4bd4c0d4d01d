package org.parley.socketio.engine;

import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.util.Objects;

/** Builds {@link EngineRequest}s from Javalin contexts. */
final class EngineRequests {

    private EngineRequests() {}

    static EngineRequest from(Context ctx) {
        return new EngineRequest(ctx.queryParamMap(), ctx.headerMap(), ctx.ip());
    }

    static EngineRequest from(WsContext ctx) {
        return new EngineRequest(ctx.queryParamMap(), ctx.headerMap(),
                Objects.toString(ctx.session.getRemoteSocketAddress(), ""));
    }
}
