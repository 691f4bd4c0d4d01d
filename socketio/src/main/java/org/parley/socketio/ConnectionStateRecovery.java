package org.parley.socketio;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.socketio.engine.SessionIds;

/**
 * Keeps what a reconnecting client needs to resume its socket: the recent broadcasts of the
 * namespace with a monotonic offset (the client echoes the last one it saw), and the state of
 * recently disconnected sockets. Offsets carry a per-process epoch, so offsets from before a
 * restart are never mistaken for current ones.
 *
 * <p>Broadcasts are kept per room: each room (and the namespace as a whole, for broadcasts to every
 * socket) keeps its own latest {@code maxPacketsPerRoom} broadcasts, so a busy room never pushes a
 * quiet room's history out. A broadcast to several rooms is stored once and held by each of them.
 * The bytes of all kept broadcasts are bounded too; past that bound the room holding the most bytes
 * gives up its oldest broadcast. Every room remembers the offset of the last broadcast it gave up,
 * and a socket is resumed only if, for every room it was in, nothing after its offset was given up.
 * Callers hold the namespace lock for {@link #nextSeq}, {@link #record}, {@link #restore} and
 * {@link #prune}, which keeps each room's log in offset order.
 */
final class ConnectionStateRecovery {

    /** A broadcast as logged: its offset, audience and encoded frames. */
    record LoggedPacket(long seq, Set<String> rooms, Set<String> except, EncodedPacket packet, long emittedAt) {}

    /**
     * A disconnected socket that may be resumed.
     *
     * @param baselineSeq    the offset when the socket first connected
     * @param lastQueuedSeq  the offset of the last broadcast queued to it (0 when none)
     * @param disconnectSeq  the offset when it disconnected
     */
    record SavedSession(String pid, String socketId, Set<String> rooms, Map<String, Object> attributes,
            long baselineSeq, long lastQueuedSeq, long disconnectSeq, long disconnectedAt) {}

    /** A resumed socket and the broadcasts it missed, oldest first. */
    record Restored(SavedSession session, List<LoggedPacket> missed) {}

    /** A logged broadcast and how many room logs still hold it; its bytes count while one does. */
    private static final class Held {
        final LoggedPacket packet;
        int holders;

        Held(LoggedPacket packet, int holders) {
            this.packet = packet;
            this.holders = holders;
        }
    }

    /** The broadcasts kept for one room (or for the whole namespace), oldest first. */
    private static final class RoomLog {
        final long order;
        final ArrayDeque<Held> entries = new ArrayDeque<>();
        long bytes;
        long evictedThrough;
        long lastEvictedAt;

        RoomLog(long order, long evictedThrough) {
            this.order = order;
            this.evictedThrough = evictedThrough;
        }
    }

    private static final Comparator<RoomLog> MOST_BYTES_FIRST =
            Comparator.<RoomLog>comparingLong(log -> -log.bytes).thenComparingLong(log -> log.order);

    private final Duration maxDisconnection;
    private final int maxPacketsPerRoom;
    private final long maxLoggedBytes;
    private final Clock clock;
    private final String epoch = SessionIds.next().substring(0, 8);
    private final Map<String, RoomLog> roomLogs = new HashMap<>();
    private final TreeSet<RoomLog> bySize = new TreeSet<>(MOST_BYTES_FIRST);
    private final RoomLog namespaceLog;
    private final ConcurrentHashMap<String, SavedSession> sessions = new ConcurrentHashMap<>();
    private long seq;
    private long logsCreated;
    private long forgottenThrough;
    private long loggedBytes;

    ConnectionStateRecovery(Duration maxDisconnection, int maxPacketsPerRoom, long maxLoggedBytes, Clock clock) {
        this.maxDisconnection = maxDisconnection;
        this.maxPacketsPerRoom = maxPacketsPerRoom;
        this.maxLoggedBytes = maxLoggedBytes;
        this.clock = clock;
        this.namespaceLog = new RoomLog(logsCreated++, 0);
        bySize.add(namespaceLog);
    }

    long currentSeq() {
        return seq;
    }

    long nextSeq() {
        return ++seq;
    }

    String offset(long value) {
        return epoch + "-" + value;
    }

    void record(LoggedPacket packet) {
        int size = packet.packet().size();
        Held held = new Held(packet, packet.rooms().isEmpty() ? 1 : packet.rooms().size());
        loggedBytes += size;
        if (packet.rooms().isEmpty()) {
            append(namespaceLog, held, size);
        } else {
            for (String room : packet.rooms()) {
                RoomLog log = roomLogs.get(room);
                if (log == null) {
                    // broadcasts to an earlier log of this room may have been forgotten
                    log = new RoomLog(logsCreated++, forgottenThrough);
                    roomLogs.put(room, log);
                    bySize.add(log);
                }
                append(log, held, size);
            }
        }
        while (loggedBytes > maxLoggedBytes) {
            RoomLog largest = bySize.first();
            if (largest.entries.isEmpty()) {
                break;
            }
            bySize.remove(largest);
            evictOldest(largest);
            bySize.add(largest);
        }
    }

    private void append(RoomLog log, Held held, int size) {
        bySize.remove(log);
        log.entries.addLast(held);
        log.bytes += size;
        if (log.entries.size() > maxPacketsPerRoom) {
            evictOldest(log);
        }
        bySize.add(log);
    }

    /** Drops the oldest broadcast of {@code log}; the caller takes {@code log} out of {@link #bySize} first. */
    private void evictOldest(RoomLog log) {
        Held oldest = log.entries.removeFirst();
        int size = oldest.packet.packet().size();
        log.bytes -= size;
        log.evictedThrough = oldest.packet.seq();
        log.lastEvictedAt = oldest.packet.emittedAt();
        if (--oldest.holders == 0) {
            loggedBytes -= size;
        }
    }

    /** Bytes of the broadcasts kept, each counted once however many rooms hold it. */
    long loggedBytes() {
        return loggedBytes;
    }

    void save(SavedSession session) {
        sessions.put(session.pid(), session);
    }

    /** {@link #restore(String, String, int, long, Set)} with every saved room. */
    Optional<Restored> restore(String pid, String offset, int maxPackets, long maxBytes) {
        return restore(pid, offset, maxPackets, maxBytes, null);
    }

    /** The saved session of {@code pid}, left in place (a later {@link #restore} takes it). */
    Optional<SavedSession> peek(String pid) {
        return Optional.ofNullable(sessions.get(pid));
    }

    /** Forgets the saved session of {@code pid}: it will not be resumed. */
    void discard(String pid) {
        sessions.remove(pid);
    }

    /**
     * Takes the saved session of {@code pid} and the broadcasts it missed, keeping only the rooms in
     * {@code allowedRooms} (null: every saved room) besides the socket's own; broadcasts that reach
     * it only through a room left out are not replayed. {@code offset} is the
     * last broadcast the client saw (null when it saw none). If that is the last one the socket was
     * sent, nothing was lost in transit and only broadcasts after the disconnection are replayed;
     * otherwise everything after {@code offset}. Empty when the session is unknown or expired, the
     * offset is foreign, a broadcast it may have missed was already dropped from the log of one of
     * its (kept) rooms or of the namespace, or more
     * than {@code maxPackets} / {@code maxBytes} would have to be replayed.
     */
    Optional<Restored> restore(String pid, String offset, int maxPackets, long maxBytes, Set<String> allowedRooms) {
        SavedSession saved = sessions.remove(pid);
        if (saved == null || saved.disconnectedAt() + maxDisconnection.toMillis() < clock.millis()) {
            return Optional.empty();
        }
        SavedSession session = allowedRooms == null ? saved : keepOnly(saved, allowedRooms);
        long received = session.baselineSeq();
        if (offset != null) {
            String prefix = epoch + "-";
            if (!offset.startsWith(prefix)) {
                return Optional.empty();
            }
            try {
                received = Long.parseLong(offset.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long from = received >= session.lastQueuedSeq() ? session.disconnectSeq() : received;
        if (from > seq || !covered(session.rooms(), from)) {
            return Optional.empty();
        }
        TreeMap<Long, LoggedPacket> missed = new TreeMap<>();
        collect(namespaceLog, from, session.rooms(), missed);
        for (String room : session.rooms()) {
            RoomLog log = roomLogs.get(room);
            if (log != null) {
                collect(log, from, session.rooms(), missed);
            }
        }
        long bytes = 0;
        for (LoggedPacket packet : missed.values()) {
            bytes += packet.packet().size();
        }
        if (missed.size() > maxPackets || bytes > maxBytes) {
            return Optional.empty();
        }
        return Optional.of(new Restored(session, List.copyOf(missed.values())));
    }

    /** Whether no broadcast after {@code from} to the namespace or to one of {@code rooms} was dropped. */
    private boolean covered(Set<String> rooms, long from) {
        if (namespaceLog.evictedThrough > from) {
            return false;
        }
        for (String room : rooms) {
            RoomLog log = roomLogs.get(room);
            long through = log == null ? forgottenThrough : log.evictedThrough;
            if (through > from) {
                return false;
            }
        }
        return true;
    }

    private static void collect(RoomLog log, long from, Set<String> rooms, Map<Long, LoggedPacket> into) {
        Iterator<Held> newestFirst = log.entries.descendingIterator();
        while (newestFirst.hasNext()) {
            LoggedPacket packet = newestFirst.next().packet;
            if (packet.seq() <= from) {
                break;
            }
            if (reaches(packet, rooms)) {
                into.put(packet.seq(), packet);
            }
        }
    }

    private static SavedSession keepOnly(SavedSession saved, Set<String> allowedRooms) {
        Set<String> kept = new HashSet<>();
        for (String room : saved.rooms()) {
            if (room.equals(saved.socketId()) || allowedRooms.contains(room)) {
                kept.add(room);
            }
        }
        return new SavedSession(saved.pid(), saved.socketId(), Set.copyOf(kept), saved.attributes(),
                saved.baselineSeq(), saved.lastQueuedSeq(), saved.disconnectSeq(), saved.disconnectedAt());
    }

    private static boolean reaches(LoggedPacket packet, Set<String> rooms) {
        boolean included = packet.rooms().isEmpty() || !Collections.disjoint(packet.rooms(), rooms);
        return included && Collections.disjoint(packet.except(), rooms);
    }

    /**
     * Drops expired sessions and broadcasts no resumable session can still need, and forgets rooms
     * left with no broadcast (one of them later counts as having lost everything up to
     * the newest offset any forgotten room had lost).
     */
    void prune() {
        long oldest = clock.millis() - maxDisconnection.toMillis();
        sessions.values().removeIf(session -> session.disconnectedAt() < oldest);
        pruneLog(namespaceLog, oldest);
        Iterator<RoomLog> logs = roomLogs.values().iterator();
        while (logs.hasNext()) {
            RoomLog log = logs.next();
            pruneLog(log, oldest);
            if (log.entries.isEmpty() && log.lastEvictedAt < oldest) {
                forgottenThrough = Math.max(forgottenThrough, log.evictedThrough);
                bySize.remove(log);
                logs.remove();
            }
        }
    }

    private void pruneLog(RoomLog log, long oldest) {
        if (log.entries.isEmpty() || log.entries.peekFirst().packet.emittedAt() >= oldest) {
            return;
        }
        bySize.remove(log);
        while (!log.entries.isEmpty() && log.entries.peekFirst().packet.emittedAt() < oldest) {
            evictOldest(log);
        }
        bySize.add(log);
    }

    int savedSessions() {
        return sessions.size();
    }
}
