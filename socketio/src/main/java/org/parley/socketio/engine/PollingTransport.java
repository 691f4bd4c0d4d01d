package org.parley.socketio.engine;

import java.util.concurrent.CompletableFuture;

/**
 * HTTP long-polling state of one session: the GET waiting for packets (at most one) and whether a
 * POST is being read (at most one). Guarded by the owning session's lock.
 */
final class PollingTransport implements Transport {

    private CompletableFuture<PollResponse> pendingGet;
    private boolean pendingGetArrivedDuringUpgrade;
    private boolean postInFlight;

    @Override
    public Kind kind() {
        return Kind.POLLING;
    }

    boolean hasPendingGet() {
        return pendingGet != null;
    }

    CompletableFuture<PollResponse> park(boolean duringUpgrade) {
        pendingGet = new CompletableFuture<>();
        pendingGetArrivedDuringUpgrade = duringUpgrade;
        return pendingGet;
    }

    boolean pendingGetArrivedDuringUpgrade() {
        return pendingGetArrivedDuringUpgrade;
    }

    /** Removes the waiting GET so the caller can complete it outside the lock; null if none. */
    CompletableFuture<PollResponse> takePendingGet() {
        CompletableFuture<PollResponse> get = pendingGet;
        pendingGet = null;
        return get;
    }

    /** Marks a POST as started; false if one is already being read. */
    boolean beginPost() {
        if (postInFlight) {
            return false;
        }
        postInFlight = true;
        return true;
    }

    void endPost() {
        postInFlight = false;
    }
}
