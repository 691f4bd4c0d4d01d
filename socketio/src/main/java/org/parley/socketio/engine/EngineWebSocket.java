package org.parley.socketio.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's core frame handler for one upgraded WebSocket: on open it starts a WebSocket-first session
 * (with the request copied at the upgrade) or offers itself as the upgrade probe of the polling
 * session {@code sid}; then it assembles text and binary messages from their frames (a text
 * message must be valid UTF-8, and neither may exceed the configured maximum, or the connection is
 * closed with 1007 / 1009 by Jetty) and hands them to the session that owns its transport. Pings
 * are answered with a pong. The next frame is asked for once the previous one is handled. The
 * first of close and error ends it.
 */
final class EngineWebSocket implements FrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWebSocket.class);
    private static final byte[] NO_BYTES = new byte[0];

    private final EngineServer server;
    /** The polling session this socket is a probe for; null for a new session. */
    private final String sid;
    /** The request that opens a new session; null for a probe. */
    private EngineRequest request;
    private CoreSession core;
    private WebSocketTransport transport;
    private volatile boolean ended;
    /** The opcode of the message whose frames are being assembled, or -1 between messages. */
    private byte assembling = -1;
    /** The text of a fragmented text message so far. */
    private Utf8StringBuilder text;
    /** The bytes of a fragmented binary message so far. */
    private byte[] binary;
    private int assembled;

    EngineWebSocket(EngineServer server, String sid, EngineRequest request) {
        this.server = server;
        this.sid = sid;
        this.request = request;
    }

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        core = session;
        WebSocketTransport opened = new WebSocketTransport(session, server);
        transport = opened;
        try {
            open(opened);
            callback.succeeded();
        } catch (Throwable failure) {
            callback.failed(failure);
        }
        session.demand();
    }

    private void open(WebSocketTransport opened) {
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
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.BINARY -> {
                assembling = frame.getOpCode();
                assembled = 0;
                onData(frame, callback);
            }
            case OpCode.CONTINUATION -> onData(frame, callback);
            case OpCode.PING -> core.sendFrame(new Frame(OpCode.PONG).setPayload(frame.getPayload()),
                    Callback.from(() -> {
                        callback.succeeded();
                        core.demand();
                    }, failure -> callback.succeeded()), false); // output may be closed already
            case OpCode.CLOSE -> {
                ended(false);
                callback.succeeded(); // Jetty answers the close
            }
            default -> { // PONG
                callback.succeeded();
                core.demand();
            }
        }
    }

    private void onData(Frame frame, Callback callback) {
        String message = null;
        byte[] bytes = null;
        try {
            assembled += frame.getPayloadLength();
            ByteBuffer payload = frame.getPayload();
            if (assembling == OpCode.TEXT) {
                long max = core.getMaxTextMessageSize();
                if (max > 0 && assembled > max) {
                    throw new MessageTooLargeException("Text message too large: " + assembled + " > " + max);
                }
                if (text == null) {
                    text = new Utf8StringBuilder(frame.isFin() ? Math.max(16, assembled) : core.getInputBufferSize());
                }
                if (payload != null) {
                    text.append(payload);
                }
                if (frame.isFin()) {
                    message = text.takeCompleteString(() -> new BadPayloadException("Invalid UTF-8"));
                }
            } else {
                long max = core.getMaxBinaryMessageSize();
                if (max > 0 && assembled > max) {
                    throw new MessageTooLargeException("Binary message too large: " + assembled + " > " + max);
                }
                int length = payload == null ? 0 : payload.remaining();
                int start = binary == null ? 0 : binary.length;
                binary = binary == null ? new byte[length] : Arrays.copyOf(binary, start + length);
                if (length > 0) {
                    payload.get(binary, start, length);
                }
                if (frame.isFin()) {
                    bytes = binary;
                }
            }
        } catch (Throwable failure) {
            reset();
            callback.failed(failure);
            return;
        }
        if (frame.isFin()) {
            reset();
        }
        try {
            if (message != null) {
                EngineSession owner = owner();
                if (owner != null) {
                    owner.onWebSocketText(transport, message);
                }
            } else if (bytes != null) {
                EngineSession owner = owner();
                if (owner != null) {
                    owner.onWebSocketBinary(transport, bytes.length == 0 ? NO_BYTES : bytes);
                }
            }
            callback.succeeded();
        } catch (Throwable failure) {
            callback.failed(failure);
            return;
        }
        core.demand();
    }

    private void reset() {
        assembling = -1;
        assembled = 0;
        text = null;
        binary = null;
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("WebSocket error", cause);
        ended(true);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        ended(false);
        callback.succeeded();
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
