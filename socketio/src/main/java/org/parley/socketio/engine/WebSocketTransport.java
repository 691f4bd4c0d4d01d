package org.parley.socketio.engine;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection. Frames are pulled from the owning session's queue and written with
 * Jetty's asynchronous core send: the frames waiting when a write starts (up to {@value #MAX_GATHER})
 * go out together in one gathered write, and the next write starts when that one completes, so a
 * slow reader makes its own queue grow and never blocks the thread that enqueued. Text frames are
 * written from the bytes encoded once per packet ({@link OutboundFrame.Text#utf8()}), shared by
 * every recipient.
 */
final class WebSocketTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_POLICY_VIOLATION = 1008;
    static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    /** At most this many queued frames are handed to Jetty for one write (its gathering limit is 8 buffers of header and payload). */
    static final int MAX_GATHER = 4;

    private final EngineServer server;
    private final EngineMetrics metrics;
    /** Jetty's core session: frames are sent from their encoded bytes. */
    private final CoreSession core;
    private final AtomicInteger pumpRequests = new AtomicInteger();
    /** The frames of the write being started; only the thread holding the pump touches it. */
    private final List<OutboundFrame> gathered = new ArrayList<>(MAX_GATHER);
    private final Callback lastWritten = Callback.from(this::writeDone, this::writeFailed);
    private final Callback batchedWritten = Callback.from(() -> { }, this::writeFailed);
    private volatile EngineSession owner;
    private volatile boolean writing;
    /**
     * Whether the session's queue may hold something this transport has not taken yet: set by every
     * {@link #pump()} and by a take that left frames (or a graceful close) behind, cleared before a
     * take. A write that completes while it is clear has nothing to look for, and does not ask.
     */
    private volatile boolean pending;

    WebSocketTransport(CoreSession core, EngineServer server) {
        this.core = core;
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
        pending = true;
        drain();
    }

    /** The session's queue still holds frames for this transport after a take (called under the session's lock). */
    void takeAgain() {
        pending = true;
    }

    private void drain() {
        if (pumpRequests.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            EngineSession session = owner;
            while (!writing && session != null && pending) {
                pending = false;
                gathered.clear();
                int n = session.nextFrames(this, MAX_GATHER, gathered);
                if (n == 0) {
                    break;
                }
                writing = true;
                // all but the last are batched by Jetty and go out with the last in one write
                for (int i = 0; i < n; i++) {
                    boolean last = i == n - 1;
                    sendFrame(gathered.get(i), last ? lastWritten : batchedWritten, !last);
                }
                gathered.clear();
            }
            missed = pumpRequests.addAndGet(-missed);
        } while (missed != 0);
    }

    private void sendFrame(OutboundFrame frame, Callback callback, boolean batch) {
        metrics.sent(frame.size());
        switch (frame) {
            case OutboundFrame.Text text -> core.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(text.utf8())), callback, batch);
            case OutboundFrame.Binary binary -> core.sendFrame(new Frame(OpCode.BINARY, ByteBuffer.wrap(binary.data())), callback, batch);
        }
    }

    private void writeDone() {
        writing = false;
        if (pending) {
            drain();
        }
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
        sendFrame(frame, Callback.from(() -> written.complete(null), written::completeExceptionally), false);
        return written;
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
        if (core.isOutputOpen()) {
            core.close(code, reason, Callback.NOOP);
            server.schedule(core::abort, CLOSE_GRACE);
        }
    }
}
