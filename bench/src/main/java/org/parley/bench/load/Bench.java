package org.parley.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** What every scenario shares: the target, its fixture, WebSocket clients and delivery accounting. */
final class Bench {
    final Map<String, String> opts;
    final String baseUrl;
    final URI wsUri;
    final Fixture fixture;
    final ProcStats server;
    private final HttpClient[] http;
    private final ExecutorService callbacks;

    /** Latency of every receive_message (send time is in the content); swapped per step. */
    volatile Latency latency = new Latency();
    final LongAdder distinct = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder otherEvents = new LongAdder();
    /** presence_batch events: a client like the web app merges them and sends nothing back. */
    final LongAdder presenceBatches = new LongAdder();
    /** Optional per-message hook (ladder): called with the message tag on every delivery. */
    final Map<Long, LongConsumer> tagHooks = new ConcurrentHashMap<>();
    final AtomicInteger tags = new AtomicInteger();

    Bench(Map<String, String> opts, Fixture fixture) {
        this.opts = opts;
        this.baseUrl = opts.getOrDefault("url", "http://127.0.0.1:8080");
        this.wsUri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        this.fixture = fixture;
        long pid = Long.parseLong(opts.getOrDefault("server-pid", "0"));
        this.server = new ProcStats(pid, opts.containsKey("gc-log") ? Path.of(opts.get("gc-log")) : null);
        int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
        this.callbacks = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("ws-cb-", 0).factory());
        this.http = new HttpClient[threads];
        for (int i = 0; i < threads; i++) {
            http[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks).connectTimeout(Duration.ofSeconds(30)).build();
        }
    }

    SioClient client(int index, int userIndex, long roomId) {
        SioClient c = new SioClient(index, userIndex, fixture.users.get(userIndex).token(), this::onEvent);
        c.roomId = roomId;
        return c;
    }

    CompletableFuture<SioClient> connect(SioClient c) {
        return c.connect(http[c.index % http.length], c.node != null ? c.node : wsUri, Duration.ofSeconds(30));
    }

    /** Connects clients with at most {@code parallel} handshakes in flight; returns the failures. */
    List<SioClient> connectAll(List<SioClient> clients, int parallel) throws InterruptedException {
        Semaphore gate = new Semaphore(parallel);
        List<SioClient> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (SioClient c : clients) {
            gate.acquire();
            all.add(connect(c).handle((x, e) -> {
                gate.release();
                if (e != null) failed.add(c);
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return failed;
    }

    private void onEvent(SioClient c, String f) {
        if (!f.startsWith("42[\"receive_message\",")) {
            if (f.startsWith("42[\"presence_batch\",")) presenceBatches.increment();
            otherEvents.increment();
            return;
        }
        long now = System.nanoTime();
        long room = Frames.longField(f, "roomId", 20);
        long seq = Frames.longField(f, "seq", 20);
        String content = Frames.stringField(f, "content", 20);
        if (c.record(room, seq)) {
            if (room == c.roomId) distinct.increment();
        } else {
            duplicates.increment();
        }
        if (content != null && content.startsWith("L ")) {
            int sp = content.indexOf(' ', 2);
            long sent = Long.parseLong(sp < 0 ? content.substring(2) : content.substring(2, sp));
            latency.record(now - sent);
            if (sp > 0 && !tagHooks.isEmpty()) {
                LongConsumer hook = tagHooks.get(Long.parseLong(content.substring(sp + 1)));
                if (hook != null) hook.accept(now - sent);
            }
        }
    }

    /** The send_message arguments for a message stamped with the current time. */
    static String message(long roomId, String clientId, long tag) {
        return "{\"roomId\":" + roomId + ",\"content\":\"L " + System.nanoTime() + (tag >= 0 ? " " + tag : "")
                + "\",\"clientId\":\"" + clientId + "\"}";
    }

    static boolean ackOk(String ack) {
        return ack.startsWith("[{\"ok\"");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits (at most a minute) until the server is quiet: under 0.2 cores over a second, so that
     * the work left over from the previous scenario (closing thousands of sockets) is not measured.
     */
    void settle() {
        for (int i = 0; i < 60; i++) {
            long c0 = server.cpuMicros();
            sleep(1000);
            if (server.cpuMicros() - c0 < 200_000) return;
        }
    }

    /** Connects one client, retrying a few times. */
    SioClient connectOne(SioClient c) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return connect(c).get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                if (attempt >= 4) throw e;
                sleep(2000);
                SioClient fresh = client(c.index, c.userIndex, c.roomId);
                c = fresh;
            }
        }
    }

    /** Server and generator figures over a window, for the JSON report. */
    final class Window {
        final long t0 = System.nanoTime();
        final long cpu0 = server.cpuMicros();
        final long self0 = ProcStats.selfCpuMicros();
        final int gc0 = server.gcPauses().size();
        final long delivered0 = distinct.sum();
        final long other0 = otherEvents.sum();

        Map<String, Object> close(Map<String, Object> into) {
            double secs = (System.nanoTime() - t0) / 1e9;
            long cpu = server.cpuMicros() - cpu0;
            long self = ProcStats.selfCpuMicros() - self0;
            long delivered = distinct.sum() - delivered0;
            List<Double> pauses = server.gcPauses();
            List<Double> mine = pauses.subList(Math.min(gc0, pauses.size()), pauses.size());
            into.put("seconds", secs);
            into.put("deliveries", delivered);
            into.put("deliveriesPerSecond", delivered / secs);
            into.put("otherEventsReceived", otherEvents.sum() - other0);
            into.put("serverCpuSeconds", cpu / 1e6);
            into.put("serverCpuCores", cpu / 1e6 / secs);
            into.put("serverCpuMicrosPerDelivery", delivered == 0 ? null : (double) cpu / delivered);
            into.put("generatorCpuCores", self / 1e6 / secs);
            into.put("gcPauses", mine.size());
            into.put("gcPauseTotalMs", mine.stream().mapToDouble(Double::doubleValue).sum());
            into.put("gcPauseMaxMs", mine.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            into.put("serverRssMiB", server.rssKib() / 1024.0);
            return into;
        }
    }
}
