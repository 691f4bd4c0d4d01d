package org.parley.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Server-side figures from /proc (CPU time, resident memory) and GC pauses from the server's log. */
final class ProcStats {
    private static final long MICROS_PER_TICK = 10_000; // USER_HZ = 100 on Linux
    private final long pid;
    private final Path gcLog;

    ProcStats(long pid, Path gcLog) {
        this.pid = pid;
        this.gcLog = gcLog;
    }

    /** utime + stime of the server process, in microseconds. */
    long cpuMicros() {
        if (pid <= 0) return 0;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MICROS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** VmRSS of the server process, in KiB. */
    long rssKib() {
        if (pid <= 0) return 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Live heap of a JVM server, in bytes: {@code jcmd GC.class_histogram} runs a full collection
     * and counts what survives; the histogram is written to {@code histogram} for reading later.
     * 0 when the server is not a JVM or jcmd fails.
     */
    long liveHeapBytes(Path histogram) {
        if (pid <= 0) return 0;
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram")
                    .redirectErrorStream(true).redirectOutput(histogram.toFile()).start();
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroy();
                return 0;
            }
            List<String> lines = Files.readAllLines(histogram);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length == 3 && f[0].equals("Total")) return Long.parseLong(f[2]);
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** CPU time of this generator process, in microseconds. */
    static long selfCpuMicros() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1000;
        return 0;
    }

    /** Every GC pause recorded so far, in ms (JVM -Xlog:gc or Node --trace-gc lines). */
    List<Double> gcPauses() {
        List<Double> out = new ArrayList<>();
        if (gcLog == null || !Files.exists(gcLog)) return out;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                if (line.contains("Pause") && line.endsWith("ms")) {
                    // JVM unified logging: "... Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms"
                    String last = line.substring(line.lastIndexOf(' ') + 1);
                    out.add(Double.parseDouble(last.substring(0, last.length() - 2)));
                } else if (line.contains("ms: Scavenge") || line.contains("ms: Mark")) {
                    // Node --trace-gc: "... ms: Scavenge 9.8 (12.1) -> 9.0 (13.1) MB, 1.23 / 0.00 ms ..."
                    int mb = line.indexOf("MB, ");
                    if (mb < 0) continue;
                    int slash = line.indexOf(" /", mb);
                    if (slash < 0) continue;
                    out.add(Double.parseDouble(line.substring(mb + 4, slash).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }
}
