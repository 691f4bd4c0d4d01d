package org.parley.bench.load;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording between two instants: the methods with the most execution samples
 * on top of the stack (self time), the nearest Parley method under each sample (where the time is
 * spent from the server's point of view), and GC totals. Usage: ProfileSummary FILE FROM TO
 */
public final class ProfileSummary {
    private ProfileSummary() {}

    public static void main(String[] args) throws Exception {
        Instant from = Instant.parse(args[1]);
        Instant to = Instant.parse(args[2]);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> parley = new HashMap<>();
        Map<String, Integer> library = new HashMap<>();
        int samples = 0;
        int gcs = 0;
        double gcMillis = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) continue;
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcs++;
                gcMillis += e.getDuration("sumOfPauses").toNanos() / 1e6;
            }
            if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) continue;
            samples++;
            var frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) continue;
            self.merge(name(frames.getFirst()), 1, Integer::sum);
            library.merge(library(frames.getFirst().getMethod().getType().getName()), 1, Integer::sum);
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith("org.parley")) {
                    parley.merge(name(f), 1, Integer::sum);
                    break;
                }
            }
        }
        System.out.printf("window %s .. %s: %d execution samples, %d GCs, %.1f ms total pause%n", from, to, samples, gcs, gcMillis);
        print("self time by library (top frame)", library, samples, 12);
        print("self time (top frame)", self, samples, 30);
        print("nearest Parley frame", parley, samples, 30);
    }

    private static String library(String type) {
        String[][] areas = {{"org.parley.", "Parley"}, {"org.eclipse.jetty.", "Jetty"}, {"io.javalin.", "Javalin"},
            {"tools.jackson.", "Jackson"}, {"com.fasterxml.", "Jackson"}, {"org.sqlite.", "SQLite JDBC"},
            {"org.postgresql.", "PostgreSQL JDBC"}, {"org.jdbi.", "Jdbi"}, {"com.zaxxer.", "HikariCP"},
            {"com.nimbusds.", "nimbus-jose-jwt"}, {"ch.qos.logback.", "Logback"}, {"org.slf4j.", "Logback"},
            {"io.micrometer.", "Micrometer"}, {"kotlin.", "Kotlin stdlib"}, {"java.util.concurrent.", "JDK concurrency"},
            {"sun.nio.", "JDK NIO"}, {"java.nio.", "JDK NIO"}, {"java.", "JDK other"}, {"jdk.", "JDK other"}, {"sun.", "JDK other"}};
        for (String[] a : areas) if (type.startsWith(a[0])) return a[1];
        return "other";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println("\n" + title + ":");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(en -> System.out.printf("%6.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
    }
}
