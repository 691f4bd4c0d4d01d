package org.parley.socketio.engine;

import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * WebSocket side of an endpoint. WebSocket upgrades to the endpoint's path are taken in front of
 * Javalin, at Jetty's core request level: the request is validated (origin, protocol version,
 * transport, session, the client's pending sessions), then upgraded by Jetty's core WebSocket
 * handshake to an {@link EngineWebSocket} frame handler, and either opens a new session or is offered
 * as an upgrade probe to an existing polling session. Neither the servlet layer nor Jetty's WebSocket
 * API session is involved: nothing of the HTTP request is kept for the life of the connection and no
 * HTTP session is created; what a new session needs of the request is copied into its
 * {@link EngineRequest}. Every other request to the path (polling, preflight, a plain GET that
 * asks for the WebSocket transport without upgrading) goes on to Javalin.
 */
final class WebSocketHandler {

    private final EngineServer server;
    private final OriginPolicy cors;

    WebSocketHandler(EngineServer server, OriginPolicy cors) {
        this.server = server;
        this.cors = cors;
    }

    void install(JavalinConfig javalin, String path) {
        javalin.jetty.modifyServer(jetty -> {
            Upgrades upgrades = new Upgrades(WebSocketServerComponents.ensureWebSocketComponents(jetty), path);
            Handler existing = jetty.getHandler();
            if (existing != null) {
                upgrades.setHandler(existing);
            }
            // Javalin attaches its servlet context inside the innermost wrapper, behind this one
            jetty.setHandler(upgrades);
        });
    }

    /** The WebSocket upgrades of this endpoint's path, by its rules; every other request goes to the wrapped handler. */
    private final class Upgrades extends Handler.Wrapper {
        private final WebSocketComponents components;
        private final Handshaker handshaker = Handshaker.newInstance();
        /** Message size limits and the idle timeout of every connection. */
        private final Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
        private final String path;
        private final String pathWithoutSlash;

        Upgrades(WebSocketComponents components, String path) {
            this.components = components;
            this.path = path;
            this.pathWithoutSlash = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            EngineConfig config = server.config();
            configuration.setMaxTextMessageSize(config.maxPayload());
            configuration.setMaxBinaryMessageSize(config.maxPayload());
            configuration.setIdleTimeout(config.pingInterval().plus(config.pingTimeout()).plus(Duration.ofSeconds(10)));
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!isUpgradeToThisPath(request)) {
                return super.handle(request, response, callback);
            }
            Fields query = Request.extractQueryParameters(request);
            String sid = query.getValue("sid");
            EngineSession session = sid == null ? null : server.find(sid);
            EngineRequest copied = sid == null ? EngineRequests.from(request, query) : null;
            PollResponse rejection = null;
            if (!cors.allows(request.getHeaders().get(HttpHeader.ORIGIN), scheme(request),
                    request.getHeaders().get(HttpHeader.HOST))) {
                rejection = PollResponse.error(403, 4, "Forbidden");
            } else if (!"4".equals(query.getValue("EIO"))) {
                rejection = PollResponse.error(400, 5, "Unsupported protocol version");
            } else if (!Transport.Kind.WEBSOCKET.wireName().equals(query.getValue("transport"))) {
                rejection = PollResponse.error(400, 0, "Transport unknown");
            } else if (sid != null && session == null) {
                rejection = PollResponse.unknownSession();
            } else if (sid == null && !server.admits(copied)) {
                rejection = PollResponse.tooManyPending();
            }
            if (rejection != null) {
                reject(response, callback, rejection);
                return true;
            }
            if (session != null) {
                session.expectProbe();
            }
            // the handler is made from what was copied here: nothing of Jetty's request is captured
            EngineWebSocket socket = new EngineWebSocket(server, sid, copied);
            boolean upgraded = handshaker.upgradeRequest((upgradeRequest, upgradeResponse, upgradeCallback) -> socket,
                    request, response, callback, components, configuration);
            if (!upgraded) {
                reject(response, callback, PollResponse.badRequest());
            }
            return true;
        }

        private boolean isUpgradeToThisPath(Request request) {
            if (!HttpMethod.GET.is(request.getMethod())
                    || !request.getHeaders().contains(HttpHeader.UPGRADE, "websocket")) {
                return false;
            }
            String requested = Request.getPathInContext(request);
            return path.equals(requested) || pathWithoutSlash.equals(requested);
        }
    }

    /** {@code http} or {@code https} as the browser used it (a proxy's {@code X-Forwarded-Proto} first). */
    private static String scheme(Request request) {
        return OriginPolicy.requestScheme(request.getHeaders().get("X-Forwarded-Proto"), request.isSecure() ? "https" : "http");
    }

    private static void reject(Response response, Callback callback, PollResponse rejection) {
        response.setStatus(rejection.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, rejection.contentType());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(rejection.body().getBytes(StandardCharsets.UTF_8)), callback);
    }
}
