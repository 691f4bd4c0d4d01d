package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;
import org.slf4j.LoggerFactory;

/** A client that hangs up in the middle of its request body is routine, not a server error. */
class ClientHangUpTest {

    @Test
    void aBodyCutShortIsOneDebugLineWithoutAStackTrace() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger apiErrors = (Logger) LoggerFactory.getLogger(ApiErrors.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        Level before = apiErrors.getLevel();
        apiErrors.setLevel(Level.DEBUG);
        try (TestServer server = TestServer.start()) {
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 5000\r\n\r\n{\"login\": \"someone\", \"pass").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(200);
                }
            }
            Thread.sleep(1000);
        } finally {
            root.detachAppender(events);
            apiErrors.setLevel(before);
        }
        List<ILoggingEvent> logged = List.copyOf(events.list);
        assertThat(logged).as("errors").noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(logged).as("server errors in the access log")
                .noneMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("-> 500"));
        List<ILoggingEvent> hangUps = logged.stream().filter(e -> e.getLoggerName().equals(ApiErrors.class.getName())).toList();
        assertThat(hangUps).hasSize(3).allMatch(e -> e.getLevel() == Level.DEBUG && e.getThrowableProxy() == null);
        assertThat(hangUps.get(0).getFormattedMessage()).contains("hung up").contains("/api/auth/login");
    }
}
