package org.parley.socketio.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the long-polling requests of one session: parks GETs until packets are queued, reads
 * POSTs, and enforces one GET and one POST at a time. Runs under the session's lock for state
 * changes and completes HTTP responses outside it.
 */
final class PollingExchange {

    private static final Logger LOG = LoggerFactory.getLogger(PollingExchange.class);
    private static final Duration UPGRADE_NOOP_DELAY = Duration.ofMillis(100);

    private final EngineSession session;

    PollingExchange(EngineSession session) {
        this.session = session;
    }

    CompletableFuture<PollResponse> onGet() {
        CompletableFuture<PollResponse> previous;
        session.lock().lock();
        try {
            SessionState state = session.state();
            if (state == SessionState.CLOSED) {
                return CompletableFuture.completedFuture(PollResponse.unknownSession());
            }
            if (!(session.transport() instanceof PollingTransport polling)) {
                CompletableFuture<PollResponse> refused = new CompletableFuture<>();
                session.upgrade().afterProbeAnswer(() -> refused.complete(PollResponse.badRequest()));
                return refused;
            }
            if (!polling.hasPendingGet()) {
                if (!session.queue().isEmpty()) {
                    String body = session.drainPayloadLocked();
                    if (state == SessionState.CLOSING && session.queue().isEmpty()) {
                        session.markClosedLocked();
                    }
                    return CompletableFuture.completedFuture(PollResponse.ok(body));
                }
                boolean upgrading = state == SessionState.UPGRADING;
                CompletableFuture<PollResponse> parked = polling.park(upgrading);
                if (upgrading) {
                    session.timers().upgradeNoop = session.server().schedule(
                            () -> endPollDuringUpgrade(true), UPGRADE_NOOP_DELAY);
                }
                return parked;
            }
            previous = polling.takePendingGet();
        } finally {
            session.lock().unlock();
        }
        LOG.debug("session {}: overlapping poll requests", session.id());
        previous.complete(PollResponse.ok("1"));
        session.close(CloseReason.TRANSPORT_ERROR);
        return CompletableFuture.completedFuture(PollResponse.badRequest());
    }

    PollResponse onPost(byte[] body) {
        PollingTransport polling;
        session.lock().lock();
        try {
            if (session.state() == SessionState.CLOSED) {
                return PollResponse.unknownSession();
            }
            if (session.state() == SessionState.CLOSING
                    || !(session.transport() instanceof PollingTransport current)) {
                return PollResponse.badRequest();
            }
            polling = current.beginPost() ? current : null;
        } finally {
            session.lock().unlock();
        }
        if (polling == null) {
            LOG.debug("session {}: overlapping post requests", session.id());
            session.close(CloseReason.TRANSPORT_ERROR);
            return PollResponse.badRequest();
        }
        try {
            List<EnginePacket> packets;
            try {
                packets = EnginePacketCodec.decodePayload(body);
            } catch (MalformedPacketException e) {
                session.rejectMalformed(e.getMessage());
                return PollResponse.badRequest();
            }
            for (EnginePacket packet : packets) {
                session.server().metrics().received(packet.approximateSize());
                session.onPacketFromCurrent(polling, packet);
            }
            return PollResponse.ok("ok");
        } finally {
            session.lock().lock();
            try {
                polling.endPost();
            } finally {
                session.lock().unlock();
            }
        }
    }

    /**
     * Ends the pending poll with the queued packets or a noop, so the client can pause polling and
     * complete the upgrade. On the probe this only concerns a poll parked before the upgrade began;
     * a poll that arrived during the upgrade is ended by the noop timer, or with 400 by the upgrade.
     */
    void endPollDuringUpgrade(boolean includeLatePolls) {
        CompletableFuture<PollResponse> get = null;
        String body = null;
        session.lock().lock();
        try {
            if (session.state() == SessionState.UPGRADING
                    && session.transport() instanceof PollingTransport polling
                    && (includeLatePolls || !polling.pendingGetArrivedDuringUpgrade())) {
                get = polling.takePendingGet();
                if (get != null) {
                    body = session.queue().isEmpty() ? "6" : session.drainPayloadLocked();
                }
            }
        } finally {
            session.lock().unlock();
        }
        if (get != null) {
            get.complete(PollResponse.ok(body));
        }
    }
}
