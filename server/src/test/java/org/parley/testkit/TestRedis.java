package org.parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The local Redis for tests: required when {@code CI=true}, otherwise tests skip with a message when it is down. */
public final class TestRedis {
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 6379;

    private TestRedis() {}

    public static String url() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 1000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = new byte[7];
            int n = in.read(reply);
            if (n < 5 || !new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                TestDatabase.requireOrSkip("Redis at " + HOST + ":" + PORT + " did not answer PING");
            }
        } catch (IOException e) {
            TestDatabase.requireOrSkip("Redis at " + HOST + ":" + PORT + " is unreachable (" + e.getMessage() + ")");
        }
        return "redis://" + HOST + ":" + PORT;
    }
}
