package org.parley.socketio.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one polling session to WebSocket: a probe connection attaches, answers {@code 2probe} with
 * {@code 3probe}, and takes over on {@code 5}; anything else drops the probe and polling goes on.
 * The probe is guarded by the session's lock.
 */
final class TransportUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(TransportUpgrade.class);
    private static final OutboundFrame PROBE_PONG = new OutboundFrame.Text("3probe");
    /** How long refusals wait after the probe answer was written, so that answer reaches the client first. */
    private static final Duration REFUSAL_DELAY = Duration.ofMillis(50);

    private final EngineSession session;
    private final PollingExchange polling;
    private WebSocketTransport probe;
    private boolean reserved;
    /** Shared by every session that is not upgrading: completing it again does nothing. */
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private CompletableFuture<Void> probeAnswered = DONE;
    private CompletableFuture<Void> settled = DONE;
    private volatile long refusalsNotBefore = System.nanoTime();

    TransportUpgrade(EngineSession session, PollingExchange polling) {
        this.session = session;
        this.polling = polling;
    }

    /**
     * Marks the session as upgrading as soon as a valid WebSocket request for it arrives, before the
     * handshake is answered: from then on a new poll is treated as arriving during the upgrade.
     * The reservation lapses after the upgrade timeout if no WebSocket attaches.
     */
    void reserve() {
        session.lock().lock();
        try {
            if (session.state() != SessionState.OPEN || !(session.transport() instanceof PollingTransport)
                    || probe != null || reserved) {
                return;
            }
            reserved = true;
            settled = new CompletableFuture<>();
            probeAnswered = DONE;
            session.state(SessionState.UPGRADING);
            session.timers().cancelUpgrade();
            session.timers().upgrade = session.server().schedule(this::lapse,
                    session.server().config().upgradeTimeout());
        } finally {
            session.lock().unlock();
        }
    }

    private void lapse() {
        CompletableFuture<Void> decided;
        session.lock().lock();
        try {
            if (!reserved || probe != null) {
                return;
            }
            reserved = false;
            decided = settled;
            if (session.state() == SessionState.UPGRADING) {
                session.state(SessionState.OPEN);
            }
        } finally {
            session.lock().unlock();
        }
        decided.complete(null);
        session.server().metrics().upgradeFailure();
    }

    /** Attaches a WebSocket that wants to take over; false if the session cannot upgrade now. */
    boolean attach(WebSocketTransport ws) {
        session.lock().lock();
        try {
            boolean free = session.state() == SessionState.OPEN && !reserved;
            boolean reservedForIt = session.state() == SessionState.UPGRADING && reserved;
            if ((!free && !reservedForIt) || !(session.transport() instanceof PollingTransport) || probe != null) {
                return false;
            }
            if (free) {
                settled = new CompletableFuture<>();
                probeAnswered = DONE;
                session.state(SessionState.UPGRADING);
            }
            reserved = false;
            probe = ws;
            ws.owner(session);
            session.timers().cancelUpgrade();
            session.timers().upgrade = session.server().schedule(() -> abort(ws, "upgrade timeout"),
                    session.server().config().upgradeTimeout());
            return true;
        } finally {
            session.lock().unlock();
        }
    }

    boolean isProbe(WebSocketTransport ws) {
        session.lock().lock();
        try {
            return probe == ws;
        } finally {
            session.lock().unlock();
        }
    }

    /** Forgets the probe because the session is closing; returns it so the caller can close it. */
    WebSocketTransport detachLocked() {
        WebSocketTransport detached = probe;
        probe = null;
        reserved = false;
        settled.complete(null);
        return detached;
    }

    /**
     * Closes a WebSocket that may not take over this session. While an upgrade is in progress it is
     * closed once that upgrade is decided (and its probe answer written), otherwise right away.
     */
    void refuse(WebSocketTransport ws) {
        CompletableFuture<Void> decided;
        session.lock().lock();
        try {
            decided = session.state() == SessionState.UPGRADING ? settled : null;
        } finally {
            session.lock().unlock();
        }
        Runnable close = () -> ws.close(WebSocketTransport.CLOSE_POLICY_VIOLATION, "session not upgradable");
        if (decided == null) {
            afterProbeAnswer(close);
        } else {
            decided.whenComplete((done, failure) -> session.server().schedule(close, REFUSAL_DELAY));
        }
    }

    /** Runs a refusal now, or shortly after the probe answer was written if that was just now. */
    void afterProbeAnswer(Runnable refusal) {
        long wait = refusalsNotBefore - System.nanoTime();
        if (wait <= 0) {
            refusal.run();
        } else {
            session.server().schedule(refusal, Duration.ofNanos(wait));
        }
    }

    void onPacket(WebSocketTransport ws, EnginePacket packet) {
        switch (packet) {
            case EnginePacket.Ping ping when ping.data().equals("probe") -> {
                CompletableFuture<Void> written = ws.writeDirect(PROBE_PONG);
                written.whenComplete((done, failure) ->
                        refusalsNotBefore = System.nanoTime() + REFUSAL_DELAY.toNanos());
                session.lock().lock();
                try {
                    probeAnswered = written;
                } finally {
                    session.lock().unlock();
                }
                polling.endPollDuringUpgrade(false);
            }
            case EnginePacket.Upgrade upgrade -> complete(ws);
            default -> abort(ws, "unexpected packet during upgrade");
        }
    }

    private void complete(WebSocketTransport ws) {
        CompletableFuture<PollResponse> stale = null;
        CompletableFuture<Void> probeWritten;
        CompletableFuture<Void> decided;
        session.lock().lock();
        try {
            if (probe != ws || session.state() != SessionState.UPGRADING) {
                return;
            }
            session.timers().cancelUpgrade();
            if (session.transport() instanceof PollingTransport current) {
                stale = current.takePendingGet();
            }
            session.switchTransportLocked(ws);
            probe = null;
            probeWritten = probeAnswered;
            decided = settled;
        } finally {
            session.lock().unlock();
        }
        probeWritten.whenComplete((done, failure) -> decided.complete(null));
        if (stale != null) {
            CompletableFuture<PollResponse> poll = stale;
            probeWritten.whenComplete((done, failure) -> session.server().schedule(
                    () -> poll.complete(PollResponse.badRequest()), REFUSAL_DELAY));
        }
        ws.pump();
    }

    void abort(WebSocketTransport ws, String why) {
        CompletableFuture<Void> decided;
        session.lock().lock();
        try {
            if (probe != ws) {
                return;
            }
            probe = null;
            decided = settled;
            session.timers().cancelUpgrade();
            if (session.state() == SessionState.UPGRADING) {
                session.state(SessionState.OPEN);
            }
        } finally {
            session.lock().unlock();
        }
        decided.complete(null);
        LOG.debug("session {}: upgrade failed: {}", session.id(), why);
        session.server().metrics().upgradeFailure();
        ws.close(WebSocketTransport.CLOSE_PROTOCOL_ERROR, "upgrade failed");
    }
}
