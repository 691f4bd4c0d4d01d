package org.parley.socketio.engine;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket side of an endpoint: validates the upgrade request, then either opens a new session or
 * offers the connection as an upgrade probe to an existing polling session.
 */
final class WebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketHandler.class);

    private final EngineServer server;
    private final OriginPolicy cors;
    private final ConcurrentHashMap<Session, WebSocketTransport> transports = new ConcurrentHashMap<>();

    WebSocketHandler(EngineServer server, OriginPolicy cors) {
        this.server = server;
        this.cors = cors;
    }

    void install(JavalinConfig javalin, String path) {
        javalin.routes.wsBeforeUpgrade(path, this::beforeUpgrade);
        javalin.routes.ws(path, ws -> {
            ws.onConnect(this::onConnect);
            ws.onMessage(this::onText);
            ws.onBinaryMessage(this::onBinary);
            ws.onClose(this::onClose);
            ws.onError(this::onError);
        });
    }

    private void beforeUpgrade(Context ctx) {
        PollResponse rejection = null;
        String sid = ctx.queryParam("sid");
        EngineSession session = sid == null ? null : server.find(sid);
        if (!cors.allows(ctx)) {
            rejection = PollResponse.error(403, 4, "Forbidden");
        } else if (!"4".equals(ctx.queryParam("EIO"))) {
            rejection = PollResponse.error(400, 5, "Unsupported protocol version");
        } else if (!Transport.Kind.WEBSOCKET.wireName().equals(ctx.queryParam("transport"))) {
            rejection = PollResponse.error(400, 0, "Transport unknown");
        } else if (sid != null && session == null) {
            rejection = PollResponse.unknownSession();
        } else if (sid == null && !server.admits(EngineRequests.from(ctx))) {
            rejection = PollResponse.tooManyPending();
        }
        if (rejection != null) {
            ctx.status(rejection.status()).contentType(rejection.contentType()).result(rejection.body());
            ctx.skipRemainingHandlers();
        } else if (session != null) {
            session.expectProbe();
        }
    }

    private void onConnect(WsConnectContext ctx) {
        Session socket = ctx.session;
        EngineConfig config = server.config();
        socket.setMaxTextMessageSize(config.maxPayload());
        socket.setMaxBinaryMessageSize(config.maxPayload());
        socket.setIdleTimeout(config.pingInterval().plus(config.pingTimeout()).plus(Duration.ofSeconds(10)));
        WebSocketTransport transport = new WebSocketTransport(socket, server);
        transports.put(socket, transport);
        String sid = ctx.queryParam("sid");
        if (sid == null) {
            if (!server.openWebSocket(transport, EngineRequests.from(ctx))) {
                transport.close(WebSocketTransport.CLOSE_TRY_AGAIN_LATER, "too many pending sessions");
            }
            return;
        }
        EngineSession session = server.find(sid);
        if (session == null) {
            LOG.debug("refusing WebSocket for session {}: gone", sid);
            transport.close(WebSocketTransport.CLOSE_POLICY_VIOLATION, "session unknown");
        } else {
            session.offerProbe(transport);
        }
    }

    private void onText(WsMessageContext ctx) {
        WebSocketTransport transport = transports.get(ctx.session);
        EngineSession owner = transport == null ? null : transport.owner();
        if (owner != null) {
            owner.onWebSocketText(transport, ctx.message());
        }
    }

    private void onBinary(WsBinaryMessageContext ctx) {
        WebSocketTransport transport = transports.get(ctx.session);
        EngineSession owner = transport == null ? null : transport.owner();
        if (owner != null) {
            ByteBuffer data = ctx.data();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            owner.onWebSocketBinary(transport, bytes);
        }
    }

    private void onClose(WsCloseContext ctx) {
        closed(ctx, false);
    }

    private void onError(WsErrorContext ctx) {
        LOG.debug("WebSocket error", ctx.error());
        closed(ctx, true);
    }

    private void closed(WsContext ctx, boolean failed) {
        WebSocketTransport transport = transports.remove(ctx.session);
        EngineSession owner = transport == null ? null : transport.owner();
        if (owner == null) {
            return;
        }
        if (failed) {
            owner.onTransportFailed(transport);
        } else {
            owner.onWebSocketClosed(transport);
        }
    }
}
