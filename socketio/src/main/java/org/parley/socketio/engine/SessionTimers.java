package org.parley.socketio.engine;

import java.util.concurrent.ScheduledFuture;

/** The upgrade and closing deadlines of one session; guarded by the session lock. */
final class SessionTimers {

    ScheduledFuture<?> upgrade;
    ScheduledFuture<?> upgradeNoop;
    ScheduledFuture<?> closing;

    void cancelUpgrade() {
        upgrade = cancel(upgrade);
        upgradeNoop = cancel(upgradeNoop);
    }

    void cancelAll() {
        cancelUpgrade();
        closing = cancel(closing);
    }

    private static ScheduledFuture<?> cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
        return null;
    }
}
