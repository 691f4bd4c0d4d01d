package org.parley.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionStateRecoveryTest {

    private final MutableClock clock = new MutableClock();
    private final ConnectionStateRecovery recovery = new ConnectionStateRecovery(Duration.ofMinutes(2), 5, 100_000, clock);

    private long broadcast(String room) {
        long seq = recovery.nextSeq();
        EncodedPacket packet = PacketEncoder.encode(new SocketPacket.Event("/",
                Namespace.argsArray(new Object[] {"msg", room, recovery.offset(seq)}), SocketPacket.NO_ACK));
        recovery.record(new ConnectionStateRecovery.LoggedPacket(seq, Set.of(room), Set.of(), packet, clock.millis()));
        return seq;
    }

    private void save(String pid, long baseline, long lastQueued) {
        recovery.save(new ConnectionStateRecovery.SavedSession(pid, "socket-" + pid, Set.of("socket-" + pid, "a"),
                Map.of(), baseline, lastQueued, recovery.currentSeq(), clock.millis()));
    }

    private static List<Long> seqs(ConnectionStateRecovery.Restored restored) {
        return restored.missed().stream().map(ConnectionStateRecovery.LoggedPacket::seq).toList();
    }

    @Test
    void replaysWhatTheClientMissedInItsRoomsOnly() {
        long first = broadcast("a");
        long lost = broadcast("a");
        save("p1", 0, lost);
        long other = broadcast("b");
        long after = broadcast("a");
        var restored = recovery.restore("p1", recovery.offset(first), 100, 1_000_000).orElseThrow();
        assertThat(seqs(restored)).containsExactly(lost, after).doesNotContain(other);
        assertThat(recovery.restore("p1", recovery.offset(first), 100, 1_000_000)).as("used once").isEmpty();
    }

    @Test
    void roomsLeftOutByTheFilterAreNeitherRestoredNorReplayed() {
        long seen = broadcast("a");
        recovery.save(new ConnectionStateRecovery.SavedSession("pf", "socket-pf", Set.of("socket-pf", "a", "b"),
                Map.of(), 0, seen, recovery.currentSeq(), clock.millis()));
        long inA = broadcast("a");
        broadcast("b");
        long toSocket = broadcast("socket-pf");
        var restored = recovery.restore("pf", recovery.offset(seen), 100, 1_000_000, Set.of("a", "c")).orElseThrow();
        assertThat(restored.session().rooms()).containsExactlyInAnyOrder("socket-pf", "a");
        assertThat(seqs(restored)).containsExactly(inA, toSocket);
    }

    @Test
    void clientThatSawEverythingSentOnlyNeedsWhatCameAfterTheDisconnection() {
        for (int i = 0; i < 5; i++) {
            broadcast("b");
        }
        long last = broadcast("a");
        save("p2", 0, last);
        for (int i = 0; i < 3; i++) {
            broadcast("b");
        }
        long missed = broadcast("a");
        var restored = recovery.restore("p2", recovery.offset(last), 100, 1_000_000).orElseThrow();
        assertThat(seqs(restored)).containsExactly(missed);
    }

    @Test
    void refusesWhenTheLogNoLongerHoldsWhatMayHaveBeenMissed() {
        long seen = broadcast("a");
        broadcast("a");
        save("p3", 0, recovery.currentSeq());
        for (int i = 0; i < 6; i++) {
            broadcast("a");
        }
        assertThat(recovery.restore("p3", recovery.offset(seen), 100, 1_000_000)).isEmpty();
    }

    @Test
    void refusesForeignOffsetsExpiredSessionsAndOversizedReplays() {
        broadcast("a");
        save("p4", 0, recovery.currentSeq());
        assertThat(recovery.restore("p4", "elsewhere-1", 100, 1_000_000)).isEmpty();

        save("p5", 0, 0);
        clock.advance(Duration.ofMinutes(3));
        assertThat(recovery.restore("p5", null, 100, 1_000_000)).isEmpty();

        save("p6", recovery.currentSeq(), 0);
        broadcast("a");
        broadcast("a");
        assertThat(recovery.restore("p6", null, 1, 1_000_000)).isEmpty();
    }

    @Test
    void logIsBoundedInBytesToo() {
        ConnectionStateRecovery small = new ConnectionStateRecovery(Duration.ofMinutes(2), 1_000, 150, clock);
        long first = small.nextSeq();
        EncodedPacket packet = PacketEncoder.encode(new SocketPacket.Event("/",
                Namespace.argsArray(new Object[] {"msg", "x".repeat(100)}), SocketPacket.NO_ACK));
        small.record(new ConnectionStateRecovery.LoggedPacket(first, Set.of("a"), Set.of(), packet, clock.millis()));
        small.save(new ConnectionStateRecovery.SavedSession("p", "s", Set.of("s", "a"), Map.of(), 0, first,
                first, clock.millis()));
        long second = small.nextSeq();
        small.record(new ConnectionStateRecovery.LoggedPacket(second, Set.of("a"), Set.of(), packet, clock.millis()));
        assertThat(small.restore("p", null, 100, 1_000_000)).as("first broadcast evicted").isEmpty();
    }

    @Test
    void pruneDropsExpiredSessionsAndOldBroadcasts() {
        long old = broadcast("a");
        save("p7", 0, old);
        clock.advance(Duration.ofMinutes(3));
        recovery.prune();
        assertThat(recovery.savedSessions()).isZero();
        save("p8", 0, old);
        assertThat(recovery.restore("p8", null, 100, 1_000_000)).as("log before the gap is gone").isEmpty();
    }

    private long broadcastTo(ConnectionStateRecovery log, String payload, String... rooms) {
        long seq = log.nextSeq();
        EncodedPacket packet = PacketEncoder.encode(new SocketPacket.Event("/",
                Namespace.argsArray(new Object[] {"msg", payload, log.offset(seq)}), SocketPacket.NO_ACK));
        log.record(new ConnectionStateRecovery.LoggedPacket(seq, Set.of(rooms), Set.of(), packet, clock.millis()));
        return seq;
    }

    private void saveIn(ConnectionStateRecovery log, String pid, long lastQueued, String... rooms) {
        java.util.Set<String> all = new java.util.HashSet<>(Set.of(rooms));
        all.add("socket-" + pid);
        log.save(new ConnectionStateRecovery.SavedSession(pid, "socket-" + pid, Set.copyOf(all), Map.of(), 0,
                lastQueued, log.currentSeq(), clock.millis()));
    }

    @Test
    void aBusyRoomEvictsNothingOfAQuietRoom() {
        long seen = broadcast("quiet");
        saveIn(recovery, "q", seen, "quiet");
        long missedInQuiet = broadcast("quiet");
        for (int i = 0; i < 50; i++) {
            broadcast("busy");
        }
        var restored = recovery.restore("q", recovery.offset(seen), 100, 1_000_000).orElseThrow();
        assertThat(seqs(restored)).containsExactly(missedInQuiet);

        // it was sent broadcasts it never saw, so it needs everything after its offset
        saveIn(recovery, "b", recovery.currentSeq(), "busy");
        assertThat(recovery.restore("b", recovery.offset(seen), 100, 1_000_000))
                .as("the busy room kept only its last 5").isEmpty();
    }

    @Test
    void aSocketInABusyAndAQuietRoomIsRestoredOnlyIfBothAreCovered() {
        long seen = broadcast("quiet");
        saveIn(recovery, "both", seen, "quiet", "busy");
        long inQuiet = broadcast("quiet");
        long inBusy = broadcast("busy");
        var restored = recovery.restore("both", recovery.offset(seen), 100, 1_000_000).orElseThrow();
        assertThat(seqs(restored)).containsExactly(inQuiet, inBusy);

        long seenLater = broadcast("quiet");
        saveIn(recovery, "both2", seenLater, "quiet", "busy");
        broadcast("quiet");
        for (int i = 0; i < 6; i++) {
            broadcast("busy");
        }
        assertThat(recovery.restore("both2", recovery.offset(seenLater), 100, 1_000_000))
                .as("the busy room no longer holds all it missed").isEmpty();
        saveIn(recovery, "quietOnly", seenLater, "quiet");
        assertThat(recovery.restore("quietOnly", recovery.offset(seenLater), 100, 1_000_000)).isPresent();
    }

    @Test
    void aBroadcastToSeveralRoomsIsReplayedOnceAndKeptWhileOneRoomHoldsIt() {
        long seen = broadcast("a");
        saveIn(recovery, "ab", seen, "a", "b");
        long toBoth = broadcastTo(recovery, "both", "a", "b");
        for (int i = 0; i < 5; i++) {
            broadcast("a");
        }
        saveIn(recovery, "bOnly", recovery.currentSeq(), "b");
        var onlyB = recovery.restore("bOnly", recovery.offset(seen), 100, 1_000_000).orElseThrow();
        assertThat(seqs(onlyB)).as("room b still holds it").containsExactly(toBoth);
        assertThat(recovery.restore("ab", recovery.offset(seen), 100, 1_000_000))
                .as("room a gave it up").isEmpty();
    }

    @Test
    void broadcastsToTheWholeNamespaceAreKeptAsOneMoreRoom() {
        long seen = broadcast("a");
        saveIn(recovery, "n", seen, "a");
        long seq = recovery.nextSeq();
        EncodedPacket packet = PacketEncoder.encode(new SocketPacket.Event("/",
                Namespace.argsArray(new Object[] {"all"}), SocketPacket.NO_ACK));
        recovery.record(new ConnectionStateRecovery.LoggedPacket(seq, Set.of(), Set.of(), packet, clock.millis()));
        for (int i = 0; i < 10; i++) {
            broadcast("other");
        }
        var restored = recovery.restore("n", recovery.offset(seen), 100, 1_000_000).orElseThrow();
        assertThat(seqs(restored)).containsExactly(seq);
    }

    @Test
    void theByteBoundIsHonouredByTakingFromTheRoomHoldingTheMost() {
        String big = "x".repeat(200);
        ConnectionStateRecovery small = new ConnectionStateRecovery(Duration.ofMinutes(2), 1_000, 2_000, clock);
        long seen = broadcastTo(small, "q", "quiet");
        saveIn(small, "q", seen, "quiet");
        long missed = broadcastTo(small, "q", "quiet");
        for (int i = 0; i < 100; i++) {
            broadcastTo(small, big, "busy");
            assertThat(small.loggedBytes()).isLessThanOrEqualTo(2_000);
        }
        var restored = small.restore("q", small.offset(seen), 100, 1_000_000).orElseThrow();
        assertThat(seqs(restored)).containsExactly(missed);
        assertThat(small.loggedBytes()).isGreaterThan(1_500);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
