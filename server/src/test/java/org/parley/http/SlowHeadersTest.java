package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestServer;

/** A connection that trickles its request headers is closed, while a normal request still works. */
class SlowHeadersTest {

    @Test
    void headersTrickledByteByByteAreCutOff() throws Exception {
        try (TestServer server = TestServer.start(); Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - start < 25_000_000_000L) {
                try {
                    out.write('a');
                    out.flush();
                    closed = in.read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing yet; keep trickling
                } catch (IOException reset) {
                    closed = true;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(closed).as("closed after %.1f s", seconds).isTrue();
            assertThat(seconds).isLessThan(2 * HttpServer.HEADER_TICK.toSeconds() + 2);
            assertThat(server.api().get("/healthz", null).status()).isEqualTo(200);
        }
    }
}
