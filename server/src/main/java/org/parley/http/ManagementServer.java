package org.parley.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The management listener: a small HTTP server of its own, on the management address (loopback
 * by default), that serves {@code GET /metrics} in the Prometheus text format and nothing else
 * (404 for other paths, 405 for other methods). It shares no port, filter or route with the app,
 * so nothing that reaches the app's port, such as a public reverse proxy, can reach the metrics.
 */
public final class ManagementServer {
    private static final String METRICS = "/metrics";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parley-management").daemon().factory());

    private ManagementServer(HttpServer server) {
        this.server = server;
    }

    /** Binds {@code host:port} (0: a free port) and starts serving {@code registry}'s scrape. */
    public static ManagementServer start(String host, int port, PrometheusMeterRegistry registry) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for metrics on " + host + ":" + port
                    + " (set management-host / management-port): " + e.getMessage(), e);
        }
        ManagementServer management = new ManagementServer(server);
        server.createContext("/", exchange -> management.handle(exchange, registry));
        server.setExecutor(management.executor);
        server.start();
        return management;
    }

    private void handle(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            if (!exchange.getRequestURI().getPath().equals(METRICS)) {
                reply(exchange, 404, "Not found: this address serves /metrics only.\n");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "Method not allowed.\n");
            } else {
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                reply(exchange, 200, registry.scrape());
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().putIfAbsent("Content-Type", java.util.List.of("text/plain; charset=utf-8"));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) exchange.getResponseBody().write(bytes);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }
}
