package org.parley.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.errors.ParleyException;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;
import org.parley.users.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online while a user has a connection, away while every connection says it is idle, offline a
 * short grace period after the last connection closes (so a page reload does not flap), with
 * {@code lastSeenAt} stored. Each node counts its own connections and writes what they make of the
 * user to the {@link PresenceLedger}, which tells the cluster's status (online on any live node,
 * away on all, offline on none); a change is announced only when the cluster's status changes, by
 * the node whose write changed it, or by the node that found another node gone. Changes are pushed to the users who share a direct room or a small
 * group with them, in a group only once the user has taken part in it ({@link PresenceAudience}):
 * being added to a group does not make one's presence visible to its members. Members of larger
 * rooms are not told of every change; they watch the people they show ({@link #watch}), so the
 * work of a change grows with the people who need to know, not with the size of the rooms.
 */
public final class PresenceService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);
    private final Database db;
    private final Memberships rooms;
    private final UserDirectory users;
    private final EventBus bus;
    private final Clock clock;
    private final Duration offlineGrace;
    private final PresenceAudience audience;
    private final PresenceLedger ledger;
    private final Map<Long, UserConnections> connections = new ConcurrentHashMap<>();
    /** Members known to have taken part, per room: their next message or read needs no write. */
    private final TakenPart takenPart = new TakenPart();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-presence").daemon(true).factory());

    /** The most people one connection may watch at once. */
    public static final int MAX_WATCHED = 200;

    /** {@code pushRoomSize}: groups of at most this many members hear each member's changes. */
    public PresenceService(Database db, Memberships rooms, UserDirectory users, EventBus bus, Clock clock,
                           Duration offlineGrace, int pushRoomSize, PresenceLedger ledger) {
        this.audience = new PresenceAudience(pushRoomSize);
        this.ledger = ledger;
        this.db = db;
        this.rooms = rooms;
        this.users = users;
        this.bus = bus;
        this.clock = clock;
        this.offlineGrace = offlineGrace;
        bus.subscribe(this::introduceNewRoomMates);
        bus.subscribe(this::noteTakingPart);
        ledger.onChange(this::announce);
    }

    /**
     * Sending a message or reading a new one is taking part; the member's presence then shows in the
     * room. Seen on the bus thread, which also fans events out to sockets: a member already known to
     * have taken part costs a lookup there, and anything that reads or writes the database runs on
     * the presence thread instead, in the order the events came.
     */
    private void noteTakingPart(BusEvent event) {
        switch (event) {
            case BusEvent.MessageCreated created -> {
                long sender = TakenPart.senderId(created.message().json());
                if (sender != 0 && !takenPart.knows(created.roomId(), sender)) later(() -> tookPart(created.roomId(), sender));
            }
            case BusEvent.ReadMarkMoved moved -> {
                if (!takenPart.knows(moved.roomId(), moved.userId())) later(() -> tookPart(moved.roomId(), moved.userId()));
            }
            case BusEvent.MemberRemoved removed -> {
                takenPart.forget(removed.roomId(), removed.userId());
                later(() -> {
                    db.withHandle(h -> {
                        audience.forget(h, removed.roomId(), removed.userId());
                        return null;
                    });
                    takenPart.forget(removed.roomId(), removed.userId()); // after any taking part queued before the removal
                });
            }
            case BusEvent.RoomDeleted deleted -> {
                takenPart.forgetRoom(deleted.roomId());
                later(() -> takenPart.forgetRoom(deleted.roomId()));
            }
            default -> { }
        }
    }

    private void later(Runnable work) {
        try {
            timers.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Recording taking part failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Presence closed; taking part not recorded");
        }
    }

    private void tookPart(long roomId, long userId) {
        if (takenPart.knows(roomId, userId)) return;
        boolean first = db.withHandle(h -> audience.recordTakingPart(h, roomId, userId, clock.millis()));
        if (first || db.withHandle(h -> audience.hasTakenPart(h, roomId, userId))) takenPart.remember(roomId, userId);
        if (!first || !db.withHandle(h -> audience.pushedIn(h, roomId))) return;
        PresenceStatus own = statusOf(userId, null);
        if (own.status().equals(PresenceStatus.OFFLINE)) return;
        List<Long> members = db.withHandle(h -> rooms.memberIds(h, roomId)).stream().filter(id -> id != userId).toList();
        if (!members.isEmpty()) bus.publish(new BusEvent.PresenceChanged(userId, own.status(), null, members));
    }

    /**
     * People who just became room-mates hear each other's presence at once (online or away only), in
     * the rooms that push presence; in a larger room they watch whom they show instead. Every node
     * hears {@code MemberAdded}; a person's presence is told by the nodes that hold their connections.
     */
    private void introduceNewRoomMates(BusEvent event) {
        if (!(event instanceof BusEvent.MemberAdded added)) return;
        if (!db.withHandle(h -> audience.pushedIn(h, added.roomId()))) return;
        long newcomer = added.userId();
        List<Long> others = db.withHandle(h -> rooms.memberIds(h, added.roomId())).stream()
                .filter(id -> id != newcomer).toList();
        if (connections.containsKey(newcomer) && !others.isEmpty()
                && db.withHandle(h -> audience.shownIn(h, added.roomId(), newcomer))) {
            PresenceStatus own = statusOf(newcomer, null);
            if (!own.status().equals(PresenceStatus.OFFLINE)) {
                bus.publish(new BusEvent.PresenceChanged(newcomer, own.status(), null, others));
            }
        }
        for (long other : others) {
            if (!connections.containsKey(other) || !db.withHandle(h -> audience.shownIn(h, added.roomId(), other))) continue;
            PresenceStatus theirs = statusOf(other, null);
            if (!theirs.status().equals(PresenceStatus.OFFLINE)) {
                bus.publish(new BusEvent.PresenceChanged(other, theirs.status(), null, List.of(newcomer)));
            }
        }
    }

    /** A connection of the user opened; {@code connectionId} identifies it until it closes. */
    public void connected(long userId, String connectionId) {
        while (true) {
            UserConnections c = connections.computeIfAbsent(userId, id -> new UserConnections());
            PresenceLedger.Change change;
            synchronized (c) {
                // gone offline meanwhile and forgotten: count this connection afresh
                if (connections.get(userId) != c) continue;
                c.idle.put(connectionId, false);
                c.generation++;
                change = ledger.put(userId, c.status());
            }
            announce(change);
            return;
        }
    }

    /** The client of a connection says whether its user is idle. */
    public void setIdle(long userId, String connectionId, boolean idle) {
        UserConnections c = connections.get(userId);
        if (c == null) return;
        PresenceLedger.Change change;
        synchronized (c) {
            if (!c.idle.containsKey(connectionId)) return;
            String before = c.status();
            c.idle.put(connectionId, idle);
            if (c.status().equals(before)) return;
            change = ledger.put(userId, c.status());
        }
        announce(change);
    }

    /** A connection closed; the user goes offline after the grace period unless another connects. */
    public void disconnected(long userId, String connectionId) {
        UserConnections c = connections.get(userId);
        if (c == null) return;
        long generation;
        boolean last;
        PresenceLedger.Change change = null;
        synchronized (c) {
            String before = c.status();
            if (c.idle.remove(connectionId) == null) return;
            generation = ++c.generation;
            last = c.idle.isEmpty();
            // the last one: the user stays as they were through the grace period
            if (!last && !c.status().equals(before)) change = ledger.put(userId, c.status());
        }
        if (change != null) announce(change);
        if (last) {
            timers.schedule(() -> goOfflineIfStillGone(userId, generation), offlineGrace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void goOfflineIfStillGone(long userId, long generation) {
        UserConnections c = connections.get(userId);
        if (c == null) return;
        PresenceLedger.Change change;
        synchronized (c) {
            if (c.generation != generation || !c.idle.isEmpty()) return;
            connections.remove(userId, c);
            change = ledger.put(userId, PresenceStatus.OFFLINE);
        }
        announce(change);
    }

    /**
     * Presence of the people whose changes are pushed to the user (direct rooms and small groups,
     * {@link PresenceAudience#pushedFrom}), themselves included; not of every member of large rooms.
     */
    public List<PresenceStatus> snapshotFor(long userId) {
        return statusesOf(db.withHandle(h -> audience.pushedFrom(h, userId)));
    }

    /**
     * Those of {@code userIds} whose presence {@code viewerId} may watch (people who took part in a
     * room the viewer is in, and the viewer), in the order asked and without repeats. The others are
     * left out, so the answer tells nothing of strangers; more than {@link #MAX_WATCHED} is refused.
     */
    public List<Long> watchable(long viewerId, Collection<Long> userIds) {
        if (userIds.size() > MAX_WATCHED) {
            throw ParleyException.invalid("userIds", "At most " + MAX_WATCHED + " people may be watched at once.");
        }
        Set<Long> allowed = db.withHandle(h -> audience.watchable(h, viewerId, userIds));
        return new LinkedHashSet<>(userIds).stream().filter(allowed::contains).toList();
    }

    /** Those of {@code userIds} that {@code viewerId} may still watch (after someone left a room). */
    public Set<Long> stillWatchable(long viewerId, Collection<Long> userIds) {
        return db.withHandle(h -> audience.watchable(h, viewerId, userIds));
    }

    /** The current presence of each of {@code ids}, with when the offline ones were last seen. */
    public List<PresenceStatus> statusesOf(List<Long> ids) {
        Map<Long, String> statuses = ledger.statusesOf(ids);
        // only the offline ones show when they were last seen: when nobody is, nothing is read
        List<Long> offline = ids.stream().filter(id -> PresenceStatus.OFFLINE.equals(statuses.get(id))).toList();
        Map<Long, Long> seen = offline.isEmpty() ? Map.of() : users.lastSeen(offline);
        List<PresenceStatus> out = new ArrayList<>(ids.size());
        for (long id : ids) out.add(withStatus(id, statuses.get(id), seen.get(id)));
        return out;
    }

    public PresenceStatus statusOf(long userId, Long lastSeenAt) {
        return withStatus(userId, ledger.statusesOf(List.of(userId)).get(userId), lastSeenAt);
    }

    private static PresenceStatus withStatus(long userId, String status, Long lastSeenAt) {
        return PresenceStatus.OFFLINE.equals(status)
                ? new PresenceStatus(userId, PresenceStatus.OFFLINE, lastSeenAt)
                : new PresenceStatus(userId, status, null);
    }

    /** Announces a change of the user's cluster status; going offline stores when they were last seen. */
    private void announce(PresenceLedger.Change change) {
        if (!change.changed()) return;
        Long lastSeenAt = null;
        if (PresenceStatus.OFFLINE.equals(change.after())) {
            lastSeenAt = clock.millis();
            users.touchLastSeen(change.userId(), lastSeenAt);
        }
        announce(change.userId(), change.after(), lastSeenAt);
    }

    private void announce(long userId, String status, Long lastSeenAt) {
        List<Long> watchers = db.withHandle(h -> audience.pushedTo(h, userId));
        bus.publish(new BusEvent.PresenceChanged(userId, status, lastSeenAt, watchers));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        ledger.close();
    }

    /** The user's open connections on this node and whether each is idle. */
    private static final class UserConnections {
        final Map<String, Boolean> idle = new java.util.HashMap<>();
        long generation;

        String status() {
            if (idle.isEmpty()) return PresenceStatus.OFFLINE;
            return idle.containsValue(false) ? PresenceStatus.ONLINE : PresenceStatus.AWAY;
        }
    }
}
