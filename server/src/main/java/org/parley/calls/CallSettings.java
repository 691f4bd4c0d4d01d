package org.parley.calls;

import java.time.Duration;

/**
 * How calls behave on this node: at most {@code maxParticipants} people in a call (a mesh), a call
 * nobody accepts within {@code ringTimeout} is missed, and a participant whose socket is gone for
 * longer than {@code rejoinGrace} is dropped.
 */
public record CallSettings(int maxParticipants, Duration ringTimeout, Duration rejoinGrace) {

    /** How often a node vouches for its participants' sockets and looks for stale ones. */
    Duration tick() {
        long shortest = Math.min(ringTimeout.toMillis(), rejoinGrace.toMillis());
        return Duration.ofMillis(Math.clamp(shortest / 4, 50, 5_000));
    }
}
