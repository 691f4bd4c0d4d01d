package org.parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broadcast ladder: one room, +step clients per step; in each step one member sends a fixed
 * number of messages with four in flight (the next goes when one has reached every client), and
 * the p95 send-to-delivery time over every delivery is reported. Stops when p95 exceeds the
 * limit, at the maximum, or when a delivery is lost.
 */
final class LadderScenario {
    private final Bench bench;
    private final Report report;

    LadderScenario(Bench bench, Report report) {
        this.bench = bench;
        this.report = report;
    }

    boolean run() throws Exception {
        int step = Integer.parseInt(bench.opts.getOrDefault("step", "1000"));
        int max = Integer.parseInt(bench.opts.getOrDefault("max", "19000"));
        int broadcasts = Integer.parseInt(bench.opts.getOrDefault("broadcasts", "20"));
        int inFlight = Integer.parseInt(bench.opts.getOrDefault("in-flight", "4"));
        double limitMs = Double.parseDouble(bench.opts.getOrDefault("p95-limit-ms", "250"));
        Fixture.Room room = bench.fixture.rooms("ladder").getFirst();
        bench.settle();
        SioClient sender = bench.connectOne(bench.client(0, room.firstUser(), room.id()));
        List<SioClient> clients = new ArrayList<>(List.of(sender));
        List<Object> steps = Report.list();
        boolean passed = true;
        int bestWithinLimit = 0;
        long totalLost = 0;
        long totalDup = 0;
        while (clients.size() < max) {
            List<SioClient> fresh = new ArrayList<>();
            int target = Math.min(max, clients.size() == 1 ? step : clients.size() + step);
            for (int i = clients.size(); i < target; i++) fresh.add(bench.client(i, room.firstUser() + i % room.size(), room.id()));
            long c0 = System.nanoTime();
            List<SioClient> failed = bench.connectAll(fresh, 200);
            double connectSecs = (System.nanoTime() - c0) / 1e9;
            clients.addAll(fresh);
            if (!failed.isEmpty()) {
                System.err.println("ladder: " + failed.size() + " connects failed at " + clients.size());
                passed = false;
                break;
            }
            bench.settle();
            int n = clients.size();
            long dup0 = bench.duplicates.sum();
            bench.latency = new Latency();
            var window = bench.new Window();
            Semaphore slots = new Semaphore(inFlight);
            AtomicInteger sendFailures = new AtomicInteger();
            AtomicLong acked = new AtomicLong();
            List<AtomicInteger> remaining = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (int b = 0; b < broadcasts; b++) {
                if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
                long tag = bench.tags.incrementAndGet();
                AtomicInteger left = new AtomicInteger(n);
                remaining.add(left);
                bench.tagHooks.put(tag, lat -> {
                    if (left.decrementAndGet() == 0) {
                        bench.tagHooks.remove(tag);
                        slots.release();
                    }
                });
                sender.emit("send_message", Bench.message(room.id(), "l" + tag, tag), ack -> {
                    if (Bench.ackOk(ack)) acked.incrementAndGet();
                    else {
                        sendFailures.incrementAndGet();
                        System.err.println("ladder send refused: " + ack);
                    }
                });
            }
            boolean drained = slots.tryAcquire(inFlight, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (drained) slots.release(inFlight);
            long lost = remaining.stream().mapToLong(AtomicInteger::get).sum();
            long dup = bench.duplicates.sum() - dup0;
            bench.tagHooks.clear();
            Latency lat = bench.latency;
            Map<String, Object> s = Report.obj();
            s.put("clients", n);
            s.put("connectSeconds", connectSecs);
            s.put("broadcasts", remaining.size());
            s.put("acked", acked.get());
            s.put("p50Ms", lat.quantileMillis(0.50));
            s.put("p95Ms", lat.quantileMillis(0.95));
            s.put("p99Ms", lat.quantileMillis(0.99));
            s.put("maxMs", lat.quantileMillis(1.0));
            window.close(s);
            s.put("lostDeliveries", lost);
            s.put("duplicateDeliveries", dup);
            steps.add(s);
            System.err.printf("ladder: %d clients p95 %.1f ms p99 %.1f ms, %.0f deliveries/s, lost %d dup %d%n", n,
                    lat.quantileMillis(0.95), lat.quantileMillis(0.99), (Double) s.get("deliveriesPerSecond"), lost, dup);
            totalLost += lost;
            totalDup += dup;
            if (lost > 0 || dup > 0 || sendFailures.get() > 0 || acked.get() != remaining.size()) {
                passed = false;
                break;
            }
            if (lat.quantileMillis(0.95) > limitMs) break;
            bestWithinLimit = n;
        }
        report.put("step", step).put("inFlight", inFlight).put("broadcastsPerStep", broadcasts).put("p95LimitMs", limitMs)
                .put("clientsWithinLimit", bestWithinLimit).put("maxClientsTried", clients.size())
                .put("lostMessages", totalLost).put("duplicateMessages", totalDup).put("steps", steps);
        for (SioClient c : clients) c.close();
        Bench.sleep(2000);
        return passed;
    }
}
