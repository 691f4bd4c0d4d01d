package org.parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 between a node and a service it depends on (PostgreSQL, Redis), so
 * that a test can make the service unreachable without touching it: {@link #hang()} keeps every
 * connection open and accepts new ones but passes nothing in either direction (a server that
 * never answers), {@link #cut()} closes every connection and closes new ones at once (a server
 * that is down), {@link #restore()} forwards again (connections that were hung or cut are closed,
 * so clients reconnect). {@link #delayRequests} holds back what the node sends (a slow link to the
 * service) while forwarding.
 */
public final class TcpProxy implements AutoCloseable {
    private enum Mode { FORWARD, HANG, CUT }

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile long requestDelayMillis;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("tcp-proxy-accept").start(this::acceptLoop);
    }

    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections stay open and new ones are accepted, but nothing passes: requests are never answered. */
    public synchronized void hang() {
        mode = Mode.HANG;
    }

    /** Every connection is closed, and new ones are closed as soon as they are accepted. */
    public synchronized void cut() {
        mode = Mode.CUT;
        closeAll();
    }

    /** Forwards again; connections left over from {@link #hang()} are closed so that their clients reconnect. */
    public synchronized void restore() {
        if (mode == Mode.HANG) closeAll();
        mode = Mode.FORWARD;
    }

    /** From now on every chunk the node sends reaches the service {@code delay} late (zero: at once again). */
    public void delayRequests(java.time.Duration delay) {
        requestDelayMillis = delay.toMillis();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Mode now;
            synchronized (this) {
                // registered under the lock, so that a restore() at this moment closes it too
                now = mode;
                if (now == Mode.HANG) open.add(client);
            }
            switch (now) {
                case CUT -> quietlyClose(client);
                case HANG -> Thread.ofVirtual().start(() -> pump(client, null, null));
                case FORWARD -> connect(client);
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 2000);
        } catch (IOException e) {
            quietlyClose(client);
            return;
        }
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client, upstream));
    }

    /** Copies {@code from} to {@code to} while forwarding; in any other mode reads and drops what arrives. */
    private void pump(Socket from, Socket to, Socket upstream) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to == null ? null : to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                long delay = requestDelayMillis;
                if (delay > 0 && to == upstream && out != null) sleep(delay);
                if (mode == Mode.FORWARD && out != null) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed: close both below
        } finally {
            quietlyClose(from);
            if (to != null) quietlyClose(to);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAll() {
        for (Socket s : open) quietlyClose(s);
    }

    private void quietlyClose(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        closeAll();
    }
}
