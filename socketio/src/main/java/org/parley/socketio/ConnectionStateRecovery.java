package org.parley.socketio;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.socketio.engine.SessionIds;

/**
 * Keeps what a reconnecting client needs to resume its socket: every broadcast of the namespace
 * with a monotonic offset (the client echoes the last one it saw), and the state of recently
 * disconnected sockets. Offsets carry a per-process epoch, so offsets from before a restart are
 * never mistaken for current ones. Callers hold the namespace lock for {@link #nextOffset},
 * {@link #record} and {@link #restore}, which keeps the log in offset order.
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

    private final Duration maxDisconnection;
    private final int maxLoggedPackets;
    private final long maxLoggedBytes;
    private final Clock clock;
    private final String epoch = SessionIds.next().substring(0, 8);
    private final ArrayDeque<LoggedPacket> log = new ArrayDeque<>();
    private final ConcurrentHashMap<String, SavedSession> sessions = new ConcurrentHashMap<>();
    private long seq;
    private long evictedThrough;
    private long loggedBytes;

    ConnectionStateRecovery(Duration maxDisconnection, int maxLoggedPackets, long maxLoggedBytes, Clock clock) {
        this.maxDisconnection = maxDisconnection;
        this.maxLoggedPackets = maxLoggedPackets;
        this.maxLoggedBytes = maxLoggedBytes;
        this.clock = clock;
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
        log.addLast(packet);
        loggedBytes += packet.packet().size();
        while (log.size() > maxLoggedPackets || loggedBytes > maxLoggedBytes) {
            evictOldest();
        }
    }

    private void evictOldest() {
        LoggedPacket oldest = log.removeFirst();
        loggedBytes -= oldest.packet().size();
        evictedThrough = oldest.seq();
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
     * offset is foreign, a broadcast it may have missed was already dropped from the log, or more
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
        if (from < evictedThrough || from > seq) {
            return Optional.empty();
        }
        List<LoggedPacket> missed = new ArrayList<>();
        long bytes = 0;
        for (LoggedPacket packet : log) {
            if (packet.seq() > from && reaches(packet, session.rooms())) {
                missed.add(packet);
                bytes += packet.packet().size();
                if (missed.size() > maxPackets || bytes > maxBytes) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Restored(session, missed));
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

    /** Drops expired sessions and broadcasts no resumable session can still need. */
    void prune() {
        long oldest = clock.millis() - maxDisconnection.toMillis();
        sessions.values().removeIf(session -> session.disconnectedAt() < oldest);
        while (!log.isEmpty() && log.peekFirst().emittedAt() < oldest) {
            evictOldest();
        }
    }

    int savedSessions() {
        return sessions.size();
    }
}
