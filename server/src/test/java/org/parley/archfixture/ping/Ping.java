package org.parley.archfixture.ping;

import org.parley.archfixture.pong.Pong;

/** Half of a deliberate package cycle that {@code ArchitectureTest} must catch. */
public final class Ping {
    public Pong answer() {
        return new Pong();
    }
}
