package org.parley.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Closes HTTP connections that take too long to send a request's headers (a "slow headers"
 * attack holds many connections open by trickling one header byte at a time, which the idle
 * timeout never notices). Every {@code tick} each open HTTP/1 connection is looked at; one that
 * was in the middle of its request headers at two looks in a row is closed, so headers must
 * arrive within two ticks. Connections that are silent are left to the idle timeout; bodies and
 * upgraded WebSockets are not affected.
 */
final class HeaderDeadline implements Connection.Listener, LifeCycle.Listener {
    private final Duration tick;
    private final Map<Connection, ScheduledFuture<?>> watched = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    HeaderDeadline(Duration tick) {
        this.tick = tick;
    }

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (!(event instanceof Server server)) return;
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("parley-header-deadline").factory());
        for (Connector connector : server.getConnectors()) connector.addEventListener(this);
    }

    @Override
    public void lifeCycleStopped(LifeCycle event) {
        if (event instanceof Server && timer != null) timer.shutdownNow();
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection instanceof HttpConnection http) || timer == null || timer.isShutdown()) return;
        boolean[] midHeadersBefore = {false};
        ScheduledFuture<?> check = timer.scheduleAtFixedRate(() -> {
            var parser = http.getParser();
            boolean midHeaders = parser.inHeaderState() && !parser.isStart();
            if (midHeaders && midHeadersBefore[0]) {
                http.getEndPoint().close();
            }
            midHeadersBefore[0] = midHeaders;
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        watched.put(connection, check);
    }

    @Override
    public void onClosed(Connection connection) {
        ScheduledFuture<?> check = watched.remove(connection);
        if (check != null) check.cancel(false);
    }
}
