package org.parley.archfixture.pong;

import org.parley.archfixture.ping.Ping;

/** The other half of the deliberate package cycle. */
public final class Pong {
    public Ping serve() {
        return new Ping();
    }
}
