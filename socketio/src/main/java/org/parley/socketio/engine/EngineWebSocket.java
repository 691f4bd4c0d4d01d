package org.parley.socketio.engine;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's endpoint for one upgraded WebSocket: on open it starts a WebSocket-first session (with the
 * request copied at the upgrade) or offers itself as the upgrade probe of the polling session
 * {@code sid}; then it hands frames to the session that owns its transport. The first of close and
 * error ends it. Public only because Jetty calls its listener methods through a public lookup;
 * nothing outside this package can make one.
 */
public final class EngineWebSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWebSocket.class);

    private final EngineServer server;
    /** The polling session this socket is a probe for; null for a new session. */
    private final String sid;
    /** The request that opens a new session; null for a probe. */
    private EngineRequest request;
    private WebSocketTransport transport;
    private volatile boolean ended;

    EngineWebSocket(EngineServer server, String sid, EngineRequest request) {
        this.server = server;
        this.sid = sid;
        this.request = request;
    }

    @Override
    public void onWebSocketOpen(Session socket) {
        WebSocketTransport opened = new WebSocketTransport(socket, server);
        transport = opened;
        if (sid == null) {
            EngineRequest opening = request;
            request = null; // the session keeps it from here on
            if (!server.openWebSocket(opened, opening)) {
                opened.close(WebSocketTransport.CLOSE_TRY_AGAIN_LATER, "too many pending sessions");
            }
            return;
        }
        EngineSession session = server.find(sid);
        if (session == null) {
            LOG.debug("refusing WebSocket for session {}: gone", sid);
            opened.close(WebSocketTransport.CLOSE_POLICY_VIOLATION, "session unknown");
        } else {
            session.offerProbe(opened);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        EngineSession owner = owner();
        if (owner != null) {
            owner.onWebSocketText(transport, message);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        EngineSession owner = owner();
        byte[] bytes = null;
        if (owner != null) {
            bytes = new byte[payload.remaining()];
            payload.get(bytes);
        }
        callback.succeed();
        if (owner != null) {
            owner.onWebSocketBinary(transport, bytes);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        ended(false);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error", cause);
        ended(true);
    }

    private EngineSession owner() {
        WebSocketTransport opened = transport;
        return opened == null || ended ? null : opened.owner();
    }

    private void ended(boolean failed) {
        if (ended) {
            return;
        }
        EngineSession owner = owner();
        ended = true;
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
