package org.parley.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Sets the listen backlog of the server's connectors as it starts. Jetty leaves it at the JDK's
 * default of 50: when a node restarts and thousands of clients reconnect at once, the kernel then
 * drops the connection attempts beyond 50 and each of those clients waits for its retransmit.
 * The kernel caps the value at {@code net.core.somaxconn}.
 */
final class AcceptBacklog implements LifeCycle.Listener {
    private final int backlog;

    AcceptBacklog(int backlog) {
        this.backlog = backlog;
    }

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (!(event instanceof Server server)) return;
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) serverConnector.setAcceptQueueSize(backlog);
        }
    }
}
