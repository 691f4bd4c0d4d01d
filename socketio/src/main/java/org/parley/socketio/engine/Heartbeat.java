package org.parley.socketio.engine;

import java.util.concurrent.ScheduledFuture;

/**
 * Server-initiated heartbeat of one session: a ping every pingInterval, and the session closes
 * when the pong does not come back within pingTimeout.
 */
final class Heartbeat {

    private final EngineSession session;
    private final EngineServer server;
    private ScheduledFuture<?> nextPing;
    private ScheduledFuture<?> pongDeadline;
    private boolean stopped;

    Heartbeat(EngineSession session, EngineServer server) {
        this.session = session;
        this.server = server;
    }

    synchronized void start() {
        if (!stopped) {
            nextPing = server.schedule(this::ping, server.config().pingInterval());
        }
    }

    private void ping() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            pongDeadline = server.schedule(() -> session.close(CloseReason.PING_TIMEOUT),
                    server.config().pingTimeout());
        }
        session.sendPing();
    }

    synchronized void onPong() {
        cancel();
        start();
    }

    synchronized void stop() {
        stopped = true;
        cancel();
    }

    private void cancel() {
        if (nextPing != null) {
            nextPing.cancel(false);
            nextPing = null;
        }
        if (pongDeadline != null) {
            pongDeadline.cancel(false);
            pongDeadline = null;
        }
    }
}
