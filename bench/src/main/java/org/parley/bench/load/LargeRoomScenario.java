package org.parley.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Large room: {@code people} distinct accounts (one socket each) connect at {@code connect-rate}
 * per second into one room; then {@code senders} of them each send {@code rate} messages a second
 * for {@code hold} seconds, for every rate in {@code rates}. Each client behaves like the web app:
 * it answers pings, asks once for the presence of the people it shows ({@code watch_presence}:
 * the senders and its neighbours in the member list, as a room this size gets no pushed presence),
 * takes {@code presence_batch} events without doing anything, and a sender sends {@code typing}
 * before a message when its last one is over three seconds old. Reported: connect time
 * percentiles, disconnects (ping timeouts included), delivery percentiles, lost and duplicated
 * deliveries and server CPU per delivery.
 */
final class LargeRoomScenario {
    private static final int WATCHED = 20;
    private final Bench bench;
    private final Report report;

    LargeRoomScenario(Bench bench, Report report) {
        this.bench = bench;
        this.report = report;
    }

    boolean run() throws Exception {
        Fixture.Room room = bench.fixture.rooms("large").getFirst();
        int people = Math.min(room.size(), Integer.parseInt(bench.opts.getOrDefault("people", String.valueOf(room.size()))));
        int connectRate = Integer.parseInt(bench.opts.getOrDefault("connect-rate", "500"));
        int senderCount = Math.min(people, Integer.parseInt(bench.opts.getOrDefault("senders", "10")));
        int[] rates = Arrays.stream(bench.opts.getOrDefault("rates", "2,5").split(",")).mapToInt(Integer::parseInt).toArray();
        int hold = Integer.parseInt(bench.opts.getOrDefault("hold", "25"));
        bench.settle();

        List<SioClient> clients = new ArrayList<>();
        for (int i = 0; i < people; i++) clients.add(bench.client(i, room.firstUser() + i, room.id()));
        String senderIds = String.join(",", clients.subList(0, senderCount).stream()
                .map(c -> String.valueOf(bench.fixture.users.get(c.userIndex).id())).toList());

        // connect at a fixed rate (open loop), each one timed from its start to the Socket.IO connect
        Latency connectTimes = new Latency();
        AtomicLong connectFailures = new AtomicLong();
        AtomicLong watchRefused = new AtomicLong();
        var connectWindow = bench.new Window();
        long start = System.nanoTime();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            long due = start + (long) (i * 1e9 / connectRate);
            long wait = due - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            SioClient c = clients.get(i);
            long t0 = System.nanoTime();
            String watch = "{\"userIds\":[" + senderIds + neighbours(room, i, people) + "]}";
            pending.add(bench.connect(c).handle((x, e) -> {
                if (e != null) {
                    connectFailures.incrementAndGet();
                    return null;
                }
                connectTimes.record(System.nanoTime() - t0);
                c.emit("watch_presence", watch, ack -> {
                    if (!ack.contains("\"ok\"")) watchRefused.incrementAndGet();
                });
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        Map<String, Object> connect = connectWindow.close(Report.obj());
        connect.remove("deliveries");
        connect.remove("deliveriesPerSecond");
        connect.remove("serverCpuMicrosPerDelivery");
        long connected = people - connectFailures.get();
        connect.put("people", people);
        connect.put("connectsPerSecondOffered", connectRate);
        connect.put("connected", connected);
        connect.put("failed", connectFailures.get());
        connect.put("p50Ms", connectTimes.quantileMillis(0.50));
        connect.put("p99Ms", connectTimes.quantileMillis(0.99));
        connect.put("maxMs", connectTimes.quantileMillis(1.0));
        connect.put("serverCpuMicrosPerConnect", (Double) connect.get("serverCpuSeconds") * 1e6 / Math.max(1, connected));
        System.err.printf("largeroom: %d connected (%d failed) at %d/s, connect p50 %.1f ms p99 %.1f ms%n", connected,
                connectFailures.get(), connectRate, connectTimes.quantileMillis(0.5), connectTimes.quantileMillis(0.99));
        bench.settle();

        List<SioClient> senders = clients.subList(0, senderCount);
        long[] lastTyping = new long[senderCount];
        List<Object> steps = Report.list();
        boolean passed = connectFailures.get() == 0;
        long totalLost = 0;
        long totalDup = 0;
        long seq = 0;
        for (int rate : rates) {
            if (!passed) break;
            AtomicLong acked = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            long dup0 = bench.duplicates.sum();
            long distinct0 = bench.distinct.sum();
            long presence0 = bench.presenceBatches.sum();
            bench.latency = new Latency();
            var window = bench.new Window();
            long t0 = System.nanoTime();
            long end = t0 + hold * 1_000_000_000L;
            int total = rate * senderCount;
            long sent = 0;
            long typings = 0;
            while (System.nanoTime() < end) {
                long due = (long) ((System.nanoTime() - t0) / 1e9 * total);
                while (sent < due) {
                    int k = (int) (sent % senderCount);
                    SioClient c = senders.get(k);
                    long now = System.nanoTime();
                    if (now - lastTyping[k] > 3_000_000_000L) {
                        c.emit("typing", String.valueOf(c.roomId), null);
                        lastTyping[k] = now;
                        typings++;
                    }
                    c.emit("send_message", Bench.message(c.roomId, "L" + rate + "-" + (++seq), -1), ack -> {
                        if (Bench.ackOk(ack)) acked.incrementAndGet();
                        else if (refused.incrementAndGet() < 5) System.err.println("largeroom send refused: " + ack);
                    });
                    sent++;
                }
                Bench.sleep(2);
            }
            long live = clients.stream().filter(SioClient::isConnected).count();
            long drainUntil = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < drainUntil
                    && (acked.get() + refused.get() < sent || bench.distinct.sum() - distinct0 < acked.get() * live)) {
                Bench.sleep(20);
            }
            Bench.sleep(200);
            long delivered = bench.distinct.sum() - distinct0;
            long expected = acked.get() * people;
            long lost = Math.max(0, expected - delivered);
            long dup = bench.duplicates.sum() - dup0;
            Latency lat = bench.latency;
            Map<String, Object> s = Report.obj();
            s.put("messagesPerSecondPerSender", rate);
            s.put("senders", senderCount);
            s.put("sent", sent);
            s.put("typingSent", typings);
            s.put("acked", acked.get());
            s.put("refused", refused.get());
            s.put("p50Ms", lat.quantileMillis(0.50));
            s.put("p95Ms", lat.quantileMillis(0.95));
            s.put("p99Ms", lat.quantileMillis(0.99));
            s.put("maxMs", lat.quantileMillis(1.0));
            window.close(s);
            s.put("deliveriesPerSecond", delivered / (double) hold);
            s.put("presenceBatchesReceived", bench.presenceBatches.sum() - presence0);
            s.put("lostDeliveries", lost);
            s.put("duplicateDeliveries", dup);
            s.put("connectedAtEnd", clients.stream().filter(SioClient::isConnected).count());
            steps.add(s);
            System.err.printf("largeroom: %d senders x %d msg/s, %d acked, p50 %.1f ms p99 %.1f ms, %.0f deliveries/s, cpu %.1f us/delivery, lost %d dup %d%n",
                    senderCount, rate, acked.get(), lat.quantileMillis(0.5), lat.quantileMillis(0.99), delivered / (double) hold,
                    (Double) s.getOrDefault("serverCpuMicrosPerDelivery", 0.0), lost, dup);
            totalLost += lost;
            totalDup += dup;
            if (lost > 0 || dup > 0 || refused.get() > 0 || acked.get() != sent) passed = false;
        }
        Map<String, Long> reasons = new TreeMap<>();
        long disconnected = 0;
        for (SioClient c : clients) {
            if (c.lostUnexpectedly) {
                disconnected++;
                reasons.merge(String.valueOf(c.closeReason), 1L, Long::sum);
            }
        }
        if (disconnected > 0) passed = false;
        report.put("people", people).put("accounts", people).put("senders", senderCount).put("holdSeconds", hold)
                .put("registrationSeconds", bench.fixture.registrationSeconds).put("connect", connect)
                .put("watchPresenceRefused", watchRefused.get()).put("disconnects", disconnected).put("disconnectReasons", reasons)
                .put("lostMessages", totalLost).put("duplicateMessages", totalDup).put("steps", steps);
        for (SioClient c : clients) c.close();
        Bench.sleep(2000);
        return passed;
    }

    /** The ids of the ten members listed after {@code i} (the web app watches the people it shows). */
    private String neighbours(Fixture.Room room, int i, int people) {
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k <= WATCHED - 10 && k < people; k++) {
            sb.append(',').append(bench.fixture.users.get(room.firstUser() + (i + k) % people).id());
        }
        return sb.toString();
    }
}
