package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

class AcceptBacklogTest {

    @Test
    void connectorsListenWithTheLargeBacklogOnceTheServerStarts() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.addEventListener(new AcceptBacklog(HttpServer.ACCEPT_BACKLOG));
        assertThat(connector.getAcceptQueueSize()).isZero(); // Jetty's default: the JDK's backlog of 50
        server.start();
        try {
            assertThat(connector.getAcceptQueueSize()).isEqualTo(4096);
            assertThat(connector.getLocalPort()).isPositive();
        } finally {
            server.stop();
        }
    }
}
