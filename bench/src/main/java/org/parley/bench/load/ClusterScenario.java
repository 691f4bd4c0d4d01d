package org.parley.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several nodes sharing one database and one Redis. Three placements of the same chat rooms
 * (one account per socket, presence and typing as in the chat mix), each at the same fixed rate:
 * <ol>
 *   <li>{@code oneNode}: every socket on the first node;</li>
 *   <li>{@code spread}: each room's members spread round-robin over all nodes, so almost every
 *       delivery crosses Redis;</li>
 *   <li>{@code routing}: the busy rooms' members on the first two nodes only, the last node holding
 *       sockets of its own in quiet rooms (nothing sent there); a quiet window first, then the load,
 *       with each node's CPU time and {@code parley_bus_received_total} taken over both.</li>
 * </ol>
 * Fails (exit 1) when a message is lost, duplicated or refused.
 */
final class ClusterScenario {
    private final Bench bench;
    private final Report report;
    private final List<URI> nodes = new ArrayList<>();
    private final List<ProcStats> procs = new ArrayList<>();
    private final List<URI> metrics = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ClusterScenario(Bench bench, Report report) {
        this.bench = bench;
        this.report = report;
        for (String u : bench.opts.get("nodes").split(",")) {
            nodes.add(URI.create(u.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket"));
        }
        for (String p : bench.opts.get("server-pids").split(",")) procs.add(new ProcStats(Long.parseLong(p), null));
        for (String m : bench.opts.get("metrics").split(",")) metrics.add(URI.create(m));
        if (procs.size() != nodes.size() || metrics.size() != nodes.size()) {
            throw new IllegalArgumentException("--nodes, --server-pids and --metrics need one entry per node");
        }
    }

    boolean run() throws Exception {
        int rate = Integer.parseInt(bench.opts.getOrDefault("rate", "100"));
        int hold = Integer.parseInt(bench.opts.getOrDefault("hold", "25"));
        int roomSize = Integer.parseInt(bench.opts.getOrDefault("room-sockets", "20"));
        int quietRooms = Integer.parseInt(bench.opts.getOrDefault("quiet-rooms", "3"));
        List<Fixture.Room> rooms = bench.fixture.rooms("chat");
        int n = nodes.size();
        boolean passed = true;

        Map<String, Object> one = phase("oneNode", rooms, roomSize, rate, hold, 0, (room, member) -> 0);
        passed &= (Boolean) one.get("passed");
        Map<String, Object> spread = phase("spread", rooms, roomSize, rate, hold, 0, (room, member) -> member % n);
        passed &= (Boolean) spread.get("passed");
        Map<String, Object> routing = phase("routing", rooms, roomSize, rate, hold, quietRooms,
                (room, member) -> room >= rooms.size() - quietRooms ? n - 1 : member % (n - 1));
        passed &= (Boolean) routing.get("passed");

        Map<String, Object> added = Report.obj();
        added.put("p50Ms", (Double) spread.get("p50Ms") - (Double) one.get("p50Ms"));
        added.put("p99Ms", (Double) spread.get("p99Ms") - (Double) one.get("p99Ms"));
        report.put("nodes", n).put("rooms", rooms.size()).put("socketsPerRoom", roomSize).put("clients", rooms.size() * roomSize)
                .put("messagesPerSecond", rate).put("holdSeconds", hold).put("typingEveryFourthMessage", true)
                .put("crossNodeAdded", added).put("oneNode", one).put("spread", spread).put("routing", routing);
        return passed;
    }

    interface Placement {
        int node(int room, int member);
    }

    private Map<String, Object> phase(String name, List<Fixture.Room> rooms, int roomSize, int rate, int hold, int quietRooms,
                                      Placement placement) throws Exception {
        List<SioClient> clients = new ArrayList<>();
        List<SioClient> senders = new ArrayList<>();
        int[] perNode = new int[nodes.size()];
        for (int r = 0; r < rooms.size(); r++) {
            Fixture.Room room = rooms.get(r);
            for (int i = 0; i < roomSize; i++) {
                SioClient c = bench.client(clients.size(), room.firstUser() + i % room.size(), room.id());
                int node = placement.node(r, i);
                c.node = nodes.get(node);
                perNode[node]++;
                clients.add(c);
                if (r < rooms.size() - quietRooms) senders.add(c);
            }
        }
        settleAll();
        List<SioClient> failed = bench.connectAll(clients, 50);
        if (!failed.isEmpty()) throw new IllegalStateException(name + ": " + failed.size() + " clients failed to connect");
        settleAll();
        Bench.sleep(Long.parseLong(bench.opts.getOrDefault("wait-seconds", "0")) * 1000); // an extra wait before the first send
        Map<String, Object> out = Report.obj();
        out.put("socketsPerNode", List.of(java.util.Arrays.stream(perNode).boxed().toArray()));
        out.put("sendingRooms", rooms.size() - quietRooms);
        out.put("quietRooms", quietRooms);
        if (quietRooms > 0) out.put("quietWindow", nodeWork(() -> Bench.sleep(hold * 1000L / 2)));

        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long dup0 = bench.duplicates.sum();
        long distinct0 = bench.distinct.sum();
        bench.latency = new Latency();
        long[] sentBox = new long[1];
        Map<String, Object> work = nodeWork(() -> {
            long start = System.nanoTime();
            long end = start + hold * 1_000_000_000L;
            int next = 0;
            long seq = 0;
            while (System.nanoTime() < end) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sentBox[0] < due) {
                    SioClient c = senders.get(next);
                    next = (next + 1) % senders.size();
                    if (sentBox[0] % 4 == 0) c.emit("typing", String.valueOf(c.roomId), null);
                    c.emit("send_message", Bench.message(c.roomId, name.charAt(0) + "" + (++seq), -1), ack -> {
                        if (Bench.ackOk(ack)) acked.incrementAndGet();
                        else if (refused.incrementAndGet() < 5) System.err.println("cluster send refused: " + ack);
                    });
                    sentBox[0]++;
                }
                Bench.sleep(2);
            }
            long drainUntil = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < drainUntil
                    && (acked.get() + refused.get() < sentBox[0] || bench.distinct.sum() - distinct0 < acked.get() * roomSize)) {
                Bench.sleep(20);
            }
            Bench.sleep(200);
        });
        long sent = sentBox[0];
        long delivered = bench.distinct.sum() - distinct0;
        long lost = Math.max(0, acked.get() * roomSize - delivered);
        long dup = bench.duplicates.sum() - dup0;
        Latency lat = bench.latency;
        out.put("sent", sent);
        out.put("acked", acked.get());
        out.put("refused", refused.get());
        out.put("deliveries", delivered);
        out.put("lostDeliveries", lost);
        out.put("duplicateDeliveries", dup);
        out.put("p50Ms", lat.quantileMillis(0.50));
        out.put("p95Ms", lat.quantileMillis(0.95));
        out.put("p99Ms", lat.quantileMillis(0.99));
        out.put("maxMs", lat.quantileMillis(1.0));
        out.put("missingDeliveriesPerNode", missingPerNode(clients));
        out.put("loadWindow", work);
        out.put("loadAverage", loadAverage());
        boolean ok = lost == 0 && dup == 0 && refused.get() == 0 && acked.get() == sent;
        out.put("passed", ok);
        System.err.printf("cluster %s: sockets per node %s, %d sent, %d acked, p50 %.1f ms, p99 %.1f ms, lost %d dup %d; work %s%n",
                name, java.util.Arrays.toString(perNode), sent, acked.get(), lat.quantileMillis(0.50), lat.quantileMillis(0.99),
                lost, dup, work.get("perNode"));
        for (SioClient c : clients) c.close();
        Bench.sleep(3000);
        return out;
    }

    /**
     * Per node, how many deliveries its sockets missed: seqs of their room that another member of
     * the room received and they did not (the first few are printed).
     */
    private List<Object> missingPerNode(List<SioClient> clients) {
        Map<Long, java.util.BitSet> seen = new java.util.HashMap<>();
        for (SioClient c : clients) seen.computeIfAbsent(c.roomId, r -> new java.util.BitSet()).or(c.seqs);
        long[] missing = new long[nodes.size()];
        int printed = 0;
        for (SioClient c : clients) {
            java.util.BitSet gap = (java.util.BitSet) seen.get(c.roomId).clone();
            gap.andNot(c.seqs);
            if (gap.isEmpty()) continue;
            missing[nodes.indexOf(c.node)] += gap.cardinality();
            if (printed++ < 10) {
                System.err.printf("cluster: socket %d (user %d) on node %d missed room %d seqs %s (room seqs %d..%d)%n", c.index,
                        c.userIndex, nodes.indexOf(c.node) + 1, c.roomId, gap, seen.get(c.roomId).nextSetBit(0),
                        seen.get(c.roomId).length() - 1);
            }
        }
        List<Object> out = Report.list();
        for (long m : missing) out.add(m);
        return out;
    }

    /** Each node's CPU time and bus events received while {@code body} runs. */
    private Map<String, Object> nodeWork(Runnable body) {
        int n = nodes.size();
        long[] cpu0 = new long[n];
        double[] bus0 = new double[n];
        for (int i = 0; i < n; i++) {
            cpu0[i] = procs.get(i).cpuMicros();
            bus0[i] = busReceived(i);
        }
        long t0 = System.nanoTime();
        body.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        List<Object> per = Report.list();
        for (int i = 0; i < n; i++) {
            Map<String, Object> m = Report.obj();
            double cpu = (procs.get(i).cpuMicros() - cpu0[i]) / 1e6;
            m.put("node", i + 1);
            m.put("cpuSeconds", cpu);
            m.put("cpuCores", cpu / secs);
            m.put("busReceived", busReceived(i) - bus0[i]);
            m.put("rssMiB", procs.get(i).rssKib() / 1024.0);
            per.add(m);
        }
        Map<String, Object> out = Report.obj();
        out.put("seconds", secs);
        out.put("perNode", per);
        return out;
    }

    private void settleAll() {
        for (int round = 0; round < 60; round++) {
            long[] c0 = new long[procs.size()];
            for (int i = 0; i < c0.length; i++) c0[i] = procs.get(i).cpuMicros();
            Bench.sleep(1000);
            boolean quiet = true;
            for (int i = 0; i < c0.length; i++) quiet &= procs.get(i).cpuMicros() - c0[i] < 200_000;
            if (quiet) return;
        }
    }

    /** {@code parley_bus_received_total} from node {@code i}'s /metrics (summed over its series). */
    private double busReceived(int i) {
        try {
            String body = http.send(HttpRequest.newBuilder(metrics.get(i)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("parley_bus_received_total")) sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            return sum;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "?";
        }
    }
}
