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
 * spent from the server's point of view), GC totals, and the samples split by stage of a
 * message's life (decode, auth and limits, persist, ack, encode, fan-out, presence, ...; see
 * {@link #stage}), counting native samples in SQLite and socket writes too (at twice the weight:
 * JFR samples native code every 20 ms, Java every 10 ms). Usage: ProfileSummary FILE FROM TO
 */
public final class ProfileSummary {
    private ProfileSummary() {}

    public static void main(String[] args) throws Exception {
        Instant from = Instant.parse(args[1]);
        Instant to = Instant.parse(args[2]);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> parley = new HashMap<>();
        Map<String, Integer> library = new HashMap<>();
        Map<String, Integer> stages = new HashMap<>();
        int stageWeight = 0;
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
            boolean nativeSample = type.equals("jdk.NativeMethodSample");
            if (!type.equals("jdk.ExecutionSample") && !nativeSample || e.getStackTrace() == null) continue;
            var frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) continue;
            if (nativeSample) {
                if (!busyNative(name(frames.getFirst()))) continue; // a thread waiting in epoll or accept is not working
                stages.merge(stage(frames), 2, Integer::sum);
                stageWeight += 2;
                continue;
            }
            stages.merge(stage(frames), 1, Integer::sum);
            stageWeight++;
            samples++;
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
        print("by stage (Java and busy native samples)", stages, stageWeight, 20);
    }

    private static boolean busyNative(String top) {
        return top.startsWith("org.sqlite.") || top.contains("SocketDispatcher.write") || top.contains("IOUtil.write")
                || top.contains("FileDispatcherImpl.write") || top.contains("FileDispatcherImpl.force");
    }

    /**
     * The stage a sample belongs to: an ack when the stack holds the ack path, else the innermost
     * frame (nearest the top) that names a stage; "other" (heartbeats, timers, JIT'd JDK work with no
     * Parley caller) when none does.
     */
    static String stage(java.util.List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (n.startsWith("org.parley.gateway.Acks.") || n.startsWith("org.parley.socketio.SocketIoSocket.ack")
                    || n.contains("AckRegistry") || n.startsWith("org.parley.socketio.PacketEncoder.ack")) return "ack";
        }
        for (RecordedFrame f : frames) {
            String n = name(f);
            String[][] markers = {
                {"org.parley.messages.MessageWriter", "persist (incl. search index)"}, {"org.parley.messages.MessageBatch", "persist (incl. search index)"},
                {"org.parley.messages.MessageStore", "persist (incl. search index)"}, {"org.parley.search.", "persist (incl. search index)"},
                {"org.parley.rooms.RoomStore.markRead", "persist (incl. search index)"},
                {"org.parley.rooms.RoomStore.advanceCounters", "persist (incl. search index)"},
                {"org.parley.rooms.RoomStore.lambda$advanceCounters", "persist (incl. search index)"},
                {"org.parley.presence.TypingService", "typing"}, {"org.parley.presence.", "presence"},
                {"org.parley.gateway.PresenceBatches", "presence"}, {"org.parley.gateway.PresenceWatches", "presence"},
                {"org.parley.socketio.PacketJson", "encode"}, {"org.parley.socketio.PacketEncoder", "encode"},
                {"org.parley.bus.JsonPayload", "encode"}, {"org.parley.socketio.engine.OutboundFrame", "encode"},
                {"org.parley.socketio.engine.WebSocketTransport", "fan-out (queue and write)"},
                {"org.parley.socketio.engine.EngineSession.send", "fan-out (queue and write)"},
                {"org.parley.socketio.Namespace.deliver", "fan-out (queue and write)"}, {"org.parley.socketio.RoomRegistry", "fan-out (queue and write)"},
                {"org.parley.socketio.ClientConnection.send", "fan-out (queue and write)"}, {"org.parley.gateway.BusRelay", "fan-out (queue and write)"},
                {"org.parley.bus.", "fan-out (queue and write)"},
                {"org.parley.gateway.EventLimits", "auth and limits"}, {"org.parley.ratelimit.", "auth and limits"},
                {"org.parley.auth.", "auth and limits"}, {"org.parley.rooms.", "auth and limits"},
                {"org.parley.socketio.PacketDecoder", "decode"}, {"org.parley.socketio.engine.EnginePacketCodec", "decode"},
                {"org.parley.gateway.Payloads", "decode"}, {"org.parley.socketio.engine.WebSocketHandler.onWebSocketText", "decode"},
                {"org.parley.socketio.ClientConnection.onMessage", "decode"},
                {"org.parley.socketio.engine.Heartbeat", "heartbeats"}, {"org.parley.socketio.engine.", "connects and sessions"},
                {"org.parley.socketio.Namespace.connect", "connects and sessions"}, {"org.parley.gateway.ChatGateway", "connects and sessions"},
                {"org.parley.gateway.ChatEvents", "event handlers (other)"}, {"org.parley.messages.", "event handlers (other)"},
            };
            for (String[] m : markers) if (n.startsWith(m[0])) return m[1];
        }
        String top = name(frames.getFirst());
        if (top.startsWith("org.eclipse.jetty.")) return "Jetty without a Parley caller (reads, selector)";
        return "other (JDK, GC-adjacent, timers)";
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
