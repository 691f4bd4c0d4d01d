package org.parley.socketio.engine;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection. Frames are pulled from the owning session's queue and written with
 * Jetty's asynchronous send, one at a time: the next frame is written when the previous one
 * completes, so a slow reader makes its own queue grow and never blocks the thread that enqueued.
 */
final class WebSocketTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_POLICY_VIOLATION = 1008;
    static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final Session socket;
    private final EngineServer server;
    private final EngineMetrics metrics;
    private final AtomicInteger pumpRequests = new AtomicInteger();
    private volatile EngineSession owner;
    private volatile boolean writing;

    WebSocketTransport(Session socket, EngineServer server) {
        this.socket = socket;
        this.server = server;
        this.metrics = server.metrics();
    }

    @Override
    public Kind kind() {
        return Kind.WEBSOCKET;
    }

    EngineSession owner() {
        return owner;
    }

    void owner(EngineSession session) {
        this.owner = session;
    }

    /** Writes queued frames until the queue is empty or a write is pending. Safe to call from any thread. */
    void pump() {
        if (pumpRequests.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            EngineSession session = owner;
            while (!writing && session != null) {
                OutboundFrame frame = session.nextFrame(this);
                if (frame == null) {
                    break;
                }
                writing = true;
                write(frame, Callback.from(this::writeDone, this::writeFailed));
            }
            missed = pumpRequests.addAndGet(-missed);
        } while (missed != 0);
    }

    private void writeDone() {
        writing = false;
        pump();
    }

    private void writeFailed(Throwable failure) {
        LOG.debug("write failed", failure);
        EngineSession session = owner;
        if (session != null) {
            session.onTransportFailed(this);
        }
    }

    /** Writes one frame directly, outside the queue (the upgrade probe answer); completes once written. */
    CompletableFuture<Void> writeDirect(OutboundFrame frame) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        write(frame, Callback.from(() -> written.complete(null), written::completeExceptionally));
        return written;
    }

    private void write(OutboundFrame frame, Callback callback) {
        metrics.sent(frame.size());
        switch (frame) {
            case OutboundFrame.Text text -> socket.sendText(text.encoded(), callback);
            case OutboundFrame.Binary binary -> socket.sendBinary(ByteBuffer.wrap(binary.data()), callback);
        }
    }

    static int codeFor(CloseReason reason) {
        return switch (reason) {
            case PARSE_ERROR -> CLOSE_PROTOCOL_ERROR;
            case QUEUE_OVERFLOW -> CLOSE_TRY_AGAIN_LATER;
            case SERVER_SHUTDOWN -> CLOSE_GOING_AWAY;
            case PING_TIMEOUT, TRANSPORT_ERROR -> CLOSE_POLICY_VIOLATION;
            default -> CLOSE_NORMAL;
        };
    }

    /**
     * Starts the closing handshake; a client that does not answer it within a second is
     * disconnected, so it notices at once instead of at its next timeout.
     */
    void close(int code, String reason) {
        if (socket.isOpen()) {
            socket.close(code, reason, Callback.NOOP);
            server.schedule(socket::disconnect, CLOSE_GRACE);
        }
    }
}
