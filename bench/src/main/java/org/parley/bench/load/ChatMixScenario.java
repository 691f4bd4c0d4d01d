package org.parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chat mix: rooms of 20 sockets (over the room's accounts, several sockets each), messages sent open-loop at a
 * fixed total rate spread round-robin over all clients (each client sends every clients/rate
 * seconds), the rate raised step by step until p99 send-to-delivery time exceeds the limit.
 * Every message is acknowledged after commit; every delivery to every member is counted.
 */
final class ChatMixScenario {
    private final Bench bench;
    private final Report report;

    ChatMixScenario(Bench bench, Report report) {
        this.bench = bench;
        this.report = report;
    }

    boolean run() throws Exception {
        int[] rates = java.util.Arrays.stream(bench.opts.getOrDefault("rates", "100,200,400,700,1000,1400,1800,2400,3000,3600,4200,5000,6000")
                .split(",")).mapToInt(Integer::parseInt).toArray();
        int stepSeconds = Integer.parseInt(bench.opts.getOrDefault("step-seconds", "15"));
        double limitMs = Double.parseDouble(bench.opts.getOrDefault("p99-limit-ms", "100"));
        boolean typing = Boolean.parseBoolean(bench.opts.getOrDefault("typing", "true"));
        bench.settle();
        List<Fixture.Room> rooms = bench.fixture.rooms("chat");
        List<SioClient> clients = new ArrayList<>();
        int roomSize = Integer.parseInt(bench.opts.getOrDefault("room-sockets", "20"));
        for (Fixture.Room r : rooms) {
            for (int i = 0; i < roomSize; i++) clients.add(bench.client(clients.size(), r.firstUser() + i % r.size(), r.id()));
        }
        List<SioClient> failed = bench.connectAll(clients, 200);
        if (!failed.isEmpty()) throw new IllegalStateException(failed.size() + " chat clients failed to connect");
        bench.settle(); // the server finishes the connections' work (room joins, presence) before measuring
        List<Object> steps = Report.list();
        boolean passed = true;
        Map<String, Object> best = null;
        long totalLost = 0;
        long totalDup = 0;
        long seq = 0;
        for (int rate : rates) {
            AtomicLong acked = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            long dup0 = bench.duplicates.sum();
            long distinct0 = bench.distinct.sum();
            bench.latency = new Latency();
            var window = bench.new Window();
            long start = System.nanoTime();
            long end = start + stepSeconds * 1_000_000_000L;
            long sent = 0;
            int next = 0;
            while (System.nanoTime() < end) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < due) {
                    SioClient c = clients.get(next);
                    next = (next + 1) % clients.size();
                    if (typing && sent % 4 == 0) c.emit("typing", String.valueOf(c.roomId), null);
                    c.emit("send_message", Bench.message(c.roomId, "c" + (++seq), -1), ack -> {
                        if (Bench.ackOk(ack)) acked.incrementAndGet();
                        else if (refused.incrementAndGet() < 5) System.err.println("chatmix send refused: " + ack);
                    });
                    sent++;
                }
                Bench.sleep(2);
            }
            long drainUntil = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < drainUntil
                    && (acked.get() + refused.get() < sent || bench.distinct.sum() - distinct0 < acked.get() * roomSize)) {
                Bench.sleep(20);
            }
            Bench.sleep(200);
            long delivered = bench.distinct.sum() - distinct0;
            long expected = acked.get() * roomSize;
            long lost = Math.max(0, expected - delivered);
            long dup = bench.duplicates.sum() - dup0;
            Latency lat = bench.latency;
            Map<String, Object> s = Report.obj();
            s.put("messagesPerSecondOffered", rate);
            s.put("sendIntervalSecondsPerClient", clients.size() / (double) rate);
            s.put("sent", sent);
            s.put("acked", acked.get());
            s.put("refused", refused.get());
            s.put("p50Ms", lat.quantileMillis(0.50));
            s.put("p95Ms", lat.quantileMillis(0.95));
            s.put("p99Ms", lat.quantileMillis(0.99));
            s.put("maxMs", lat.quantileMillis(1.0));
            window.close(s);
            s.put("deliveriesPerSecond", delivered / (double) stepSeconds);
            s.put("lostDeliveries", lost);
            s.put("duplicateDeliveries", dup);
            steps.add(s);
            System.err.printf("chatmix: %d msg/s offered, %d acked, p99 %.1f ms, %.0f deliveries/s, cpu %.1f us/delivery, lost %d dup %d%n",
                    rate, acked.get(), lat.quantileMillis(0.99), delivered / (double) stepSeconds,
                    (Double) s.getOrDefault("serverCpuMicrosPerDelivery", 0.0), lost, dup);
            totalLost += lost;
            totalDup += dup;
            if (lost > 0 || dup > 0 || refused.get() > 0 || acked.get() != sent) {
                passed = false;
                break;
            }
            if (lat.quantileMillis(0.99) > limitMs) break;
            best = s;
        }
        report.put("clients", clients.size()).put("socketsPerRoom", roomSize).put("accountsPerRoom", rooms.getFirst().size()).put("rooms", rooms.size()).put("stepSeconds", stepSeconds)
                .put("typingEveryFourthMessage", typing).put("p99LimitMs", limitMs)
                .put("bestWithinLimit", best).put("lostMessages", totalLost).put("duplicateMessages", totalDup).put("steps", steps);
        for (SioClient c : clients) c.close();
        Bench.sleep(2000);
        return passed;
    }
}
