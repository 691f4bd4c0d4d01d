package org.parley.bench.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle capacity: ramps to N connections spread over several worker processes (each process may
 * open at most 20,000 files), holds them with the servers' default heartbeats, and reports
 * resident memory per connection, connect rate and heartbeat failures.
 */
final class IdleScenario {
    private final Bench bench;
    private final Report report;

    IdleScenario(Bench bench, Report report) {
        this.bench = bench;
        this.report = report;
    }

    boolean run() throws Exception {
        int conns = Integer.parseInt(bench.opts.getOrDefault("conns", "19500"));
        int procs = Integer.parseInt(bench.opts.getOrDefault("procs", "2"));
        int hold = Integer.parseInt(bench.opts.getOrDefault("hold", "60"));
        bench.settle();
        Bench.sleep(2000);
        long rss0 = bench.server.rssKib();
        boolean jvm = "parley".equals(bench.opts.get("target"));
        java.nio.file.Path histograms = java.nio.file.Path.of(bench.opts.getOrDefault("state", "state.txt")).toAbsolutePath().getParent();
        long heap0 = jvm ? bench.server.liveHeapBytes(histograms.resolve("histogram-before.txt")) : 0;
        long cpu0 = bench.server.cpuMicros();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> workers = new ArrayList<>();
        int per = (conns + procs - 1) / procs;
        for (int p = 0; p < procs; p++) {
            int from = p * per;
            int count = Math.min(per, conns - from);
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx3g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    LoadGen.class.getName(), "idle-worker", "--from", String.valueOf(from), "--count", String.valueOf(count)));
            for (var e : bench.opts.entrySet()) {
                if (!List.of("out", "conns", "procs", "hold").contains(e.getKey())) cmd.addAll(List.of("--" + e.getKey(), e.getValue()));
            }
            workers.add(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        long connected = 0;
        long failed = 0;
        double slowestRampSeconds = 0;
        List<BufferedReader> outs = new ArrayList<>();
        for (Process w : workers) {
            BufferedReader r = new BufferedReader(new InputStreamReader(w.getInputStream()));
            outs.add(r);
            String[] ready = r.readLine().split(" ");
            connected += Long.parseLong(ready[1]);
            failed += Long.parseLong(ready[2]);
            slowestRampSeconds = Math.max(slowestRampSeconds, Long.parseLong(ready[3]) / 1000.0);
        }
        long cpuRamp = bench.server.cpuMicros() - cpu0;
        Bench.sleep(3000);
        long rssAfterRamp = bench.server.rssKib();
        System.err.printf("idle: %d connected (%d failed) in %.1f s; holding %d s%n", connected, failed, slowestRampSeconds, hold);
        long cpuHold0 = bench.server.cpuMicros();
        int gc0 = bench.server.gcPauses().size();
        Bench.sleep(hold * 1000L);
        long rssHeld = bench.server.rssKib();
        long heapHeld = jvm ? bench.server.liveHeapBytes(histograms.resolve("histogram-held.txt")) : 0;
        long cpuHold = bench.server.cpuMicros() - cpuHold0;
        long pings = 0;
        long lost = 0;
        long stillConnected = 0;
        long fewPings = 0;
        for (int i = 0; i < workers.size(); i++) {
            PrintStream in = new PrintStream(workers.get(i).getOutputStream(), true);
            in.println("STOP");
            String[] stats = outs.get(i).readLine().split(" ");
            pings += Long.parseLong(stats[1]);
            lost += Long.parseLong(stats[2]);
            stillConnected += Long.parseLong(stats[3]);
            fewPings += Long.parseLong(stats[4]);
        }
        for (Process w : workers) w.waitFor();
        var pauses = bench.server.gcPauses();
        var mine = pauses.subList(Math.min(gc0, pauses.size()), pauses.size());
        report.put("connectionsRequested", conns).put("connections", connected).put("connectFailures", failed)
                .put("generatorProcesses", procs).put("rampSeconds", slowestRampSeconds)
                .put("connectsPerSecond", connected / Math.max(0.001, slowestRampSeconds))
                .put("serverCpuMicrosPerConnect", connected == 0 ? null : (double) cpuRamp / connected)
                .put("holdSeconds", hold).put("rssAtZeroMiB", rss0 / 1024.0).put("rssAfterRampMiB", rssAfterRamp / 1024.0)
                .put("rssHeldMiB", rssHeld / 1024.0)
                .put("rssKibPerConnection", connected == 0 ? null : (double) (rssHeld - rss0) / connected)
                .put("liveHeapBeforeMiB", jvm ? heap0 / 1048576.0 : null).put("liveHeapHeldMiB", jvm ? heapHeld / 1048576.0 : null)
                .put("liveHeapKibPerConnection", jvm && connected > 0 && heap0 > 0 && heapHeld > 0 ? (heapHeld - heap0) / 1024.0 / connected : null)
                .put("serverCpuCoresWhileIdle", cpuHold / 1e6 / hold)
                .put("pingsAnswered", pings).put("heartbeatFailures", lost + fewPings)
                .put("connectionsLost", lost).put("connectionsWithTooFewPings", fewPings)
                .put("stillConnectedAtEnd", stillConnected)
                .put("gcPausesWhileHeld", mine.size()).put("gcPauseMaxMs", mine.stream().mapToDouble(d -> d).max().orElse(0))
                .put("lostMessages", 0).put("duplicateMessages", 0);
        return failed == 0 && lost == 0 && fewPings == 0 && connected == conns;
    }

    /** One worker process: connects its share, reports READY, holds until STOP, reports STATS. */
    static boolean worker(Bench bench) throws Exception {
        int from = Integer.parseInt(bench.opts.get("from"));
        int count = Integer.parseInt(bench.opts.get("count"));
        int accounts = bench.fixture.users.size(); // one per socket unless the fixture has fewer accounts than sockets
        List<SioClient> clients = new ArrayList<>();
        for (int i = from; i < from + count; i++) clients.add(bench.client(i, i % accounts, -1));
        long t0 = System.nanoTime();
        List<SioClient> failed = bench.connectAll(clients, Integer.parseInt(bench.opts.getOrDefault("parallel", "200")));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("READY " + (count - failed.size()) + " " + failed.size() + " " + millis);
        System.out.flush();
        long heldSince = System.nanoTime();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line = in.readLine();
        double heldSeconds = (System.nanoTime() - heldSince) / 1e9;
        long minPings = (long) Math.floor(heldSeconds / 25.0) - 1;
        long pings = 0;
        long lost = 0;
        long alive = 0;
        long few = 0;
        for (SioClient c : clients) {
            if (failed.contains(c)) continue;
            pings += c.pings;
            if (c.lostUnexpectedly) lost++;
            else if (c.isConnected()) alive++;
            if (!c.lostUnexpectedly && c.pings < minPings) few++;
        }
        System.out.println("STATS " + pings + " " + lost + " " + alive + " " + few + " " + line);
        System.out.flush();
        for (SioClient c : clients) c.close();
        Bench.sleep(500);
        return true;
    }

}
