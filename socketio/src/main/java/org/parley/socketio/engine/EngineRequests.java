package org.parley.socketio.engine;

import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/** Builds {@link EngineRequest}s from Javalin contexts. */
final class EngineRequests {

    private EngineRequests() {}

    static EngineRequest from(Context ctx) {
        return new EngineRequest(ctx.queryParamMap(), ctx.headerMap(), ctx.ip());
    }

    static EngineRequest from(WsContext ctx) {
        return new EngineRequest(ctx.queryParamMap(), ctx.headerMap(), hostOf(ctx.session.getRemoteSocketAddress()));
    }

    /** The peer's address without its port, as {@code Context.ip()} gives it for HTTP requests. */
    private static String hostOf(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return Objects.toString(peer, "");
    }
}
