package org.parley.socketio.engine;

import io.javalin.http.Context;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** Builds {@link EngineRequest}s from Javalin contexts and from Jetty's core requests (WebSocket upgrades). */
final class EngineRequests {

    private EngineRequests() {}

    static EngineRequest from(Context ctx) {
        return new EngineRequest(ctx.queryParamMap(), ctx.headerMap(), ctx.ip());
    }

    /**
     * A WebSocket upgrade's query, headers (a header sent more than once is joined with ", ", as
     * X-Forwarded-For hops are) and peer address, copied: nothing of Jetty's request is kept.
     */
    static EngineRequest from(Request request, Fields query) {
        Map<String, List<String>> params = new HashMap<>();
        for (Fields.Field field : query) {
            params.put(field.getName(), List.copyOf(field.getValues()));
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
            if (field.getName() == null || field.getValue() == null || EngineRequest.isHandshakeOnly(field.getName())) {
                continue;
            }
            headers.merge(field.getName(), field.getValue(), (a, b) -> a + ", " + b);
        }
        return new EngineRequest(params, headers, hostOf(request.getConnectionMetaData().getRemoteSocketAddress()));
    }

    /** The peer's address without its port, as {@code Context.ip()} gives it for HTTP requests. */
    private static String hostOf(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return Objects.toString(peer, "");
    }
}
