package org.parley.presence;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Who may see whose presence. In a group, a member's presence is shown to the other members only
 * once the member has taken part in it: created it, sent a message in it, or read a message that
 * arrived after they joined ({@code room_opens}). Being added to a group is not consent to being
 * watched. In a direct room both people always see each other. A user always sees themselves.
 *
 * <p>Seeing is not being told: changes are pushed only within direct rooms and small groups
 * ({@link #pushedTo}); in a larger room a member learns the presence of the people their screen
 * shows by watching them, and may watch only those they could see ({@link #watchable}).
 */
final class PresenceAudience {
    private static final String TAKEN_PART = """
            (r.kind = 'direct' OR r.created_by = %1$s
             OR EXISTS (SELECT 1 FROM room_opens o WHERE o.room_id = r.id AND o.user_id = %1$s))""";

    /**
     * Rooms whose members hear each other's changes: direct rooms, and groups of at most {@code :max}
     * members, that is groups without a member past the first {@code :max}; a large room is told
     * apart after {@code :max + 1} index entries, not by counting all of its members.
     */
    private static final String PUSHED = """
            (r.kind = 'direct'
             OR NOT EXISTS (SELECT 1 FROM room_members c WHERE c.room_id = r.id LIMIT 1 OFFSET :max))""";

    private static final String SHARED = """
            SELECT DISTINCT other.user_id FROM room_members mine
              JOIN rooms r ON r.id = mine.room_id
              JOIN room_members other ON other.room_id = mine.room_id
            """;
    // the statements are put together once
    private static final String PUSHED_TO = SHARED + " WHERE mine.user_id = :user AND "
            + TAKEN_PART.formatted("mine.user_id") + " AND " + PUSHED;
    private static final String PUSHED_FROM = SHARED + " WHERE mine.user_id = :viewer AND "
            + TAKEN_PART.formatted("other.user_id") + " AND " + PUSHED;
    private static final String WATCHABLE = SHARED + " WHERE mine.user_id = :viewer AND other.user_id IN (<ids>) AND "
            + TAKEN_PART.formatted("other.user_id");
    private static final String PUSHED_IN = "SELECT COUNT(*) FROM rooms r WHERE r.id = :room AND " + PUSHED;
    private static final String SHOWN_IN = "SELECT COUNT(*) FROM rooms r WHERE r.id = :room AND " + TAKEN_PART.formatted(":user");

    private final int pushRoomSize;

    /** {@code pushRoomSize}: groups of at most this many members hear their members' changes. */
    PresenceAudience(int pushRoomSize) {
        this.pushRoomSize = pushRoomSize;
    }

    /**
     * Users to whom {@code userId}'s changes are pushed, the user included: those who share a direct
     * room or a small group with them in which they took part. Members of larger rooms ask for what
     * they show instead ({@link #watchable}).
     */
    List<Long> pushedTo(Handle h, long userId) {
        List<Long> ids = h.createQuery(PUSHED_TO)
                .bind("user", userId).bind("max", pushRoomSize).mapTo(Long.class).list();
        return withSelf(ids, userId);
    }

    /** Users whose changes are pushed to {@code viewerId} ({@link #pushedTo}), the viewer included. */
    List<Long> pushedFrom(Handle h, long viewerId) {
        List<Long> ids = h.createQuery(PUSHED_FROM)
                .bind("viewer", viewerId).bind("max", pushRoomSize).mapTo(Long.class).list();
        return withSelf(ids, viewerId);
    }

    /**
     * Those of {@code candidates} whose presence {@code viewerId} may see, in any room of any size they
     * share: the viewer themselves, and people who took part in a room the viewer is in.
     */
    Set<Long> watchable(Handle h, long viewerId, Collection<Long> candidates) {
        Set<Long> out = new HashSet<>();
        if (candidates.isEmpty()) return out;
        if (candidates.contains(viewerId)) out.add(viewerId);
        out.addAll(h.createQuery(WATCHABLE)
                .bind("viewer", viewerId).bindList("ids", List.copyOf(candidates)).mapTo(Long.class).list());
        return out;
    }

    /** True when a change of presence in {@code roomId} is pushed to all of its members. */
    boolean pushedIn(Handle h, long roomId) {
        return h.createQuery(PUSHED_IN)
                .bind("room", roomId).bind("max", pushRoomSize).mapTo(Long.class).one() > 0;
    }

    /** True when {@code userId}'s presence is shown in {@code roomId}. */
    boolean shownIn(Handle h, long roomId, long userId) {
        return h.createQuery(SHOWN_IN)
                .bind("room", roomId).bind("user", userId).mapTo(Long.class).one() > 0;
    }

    /** Records that the member took part in the room; true the first time. */
    boolean recordTakingPart(Handle h, long roomId, long userId, long now) {
        return h.createUpdate("""
                        INSERT INTO room_opens (room_id, user_id, opened_at)
                        SELECT :room, :user, :now WHERE EXISTS
                               (SELECT 1 FROM room_members WHERE room_id = :room AND user_id = :user)
                        ON CONFLICT (room_id, user_id) DO NOTHING""")
                .bind("room", roomId).bind("user", userId).bind("now", now).execute() == 1;
    }

    /** True when the member's taking part in the room is recorded. */
    boolean hasTakenPart(Handle h, long roomId, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM room_opens WHERE room_id = :room AND user_id = :user")
                .bind("room", roomId).bind("user", userId).mapTo(Long.class).one() > 0;
    }

    /** Forgets the member's taking part when they leave, so rejoining later starts hidden again. */
    void forget(Handle h, long roomId, long userId) {
        h.createUpdate("DELETE FROM room_opens WHERE room_id = :room AND user_id = :user")
                .bind("room", roomId).bind("user", userId).execute();
    }

    private static List<Long> withSelf(List<Long> ids, long self) {
        if (ids.contains(self)) return ids;
        var out = new java.util.ArrayList<>(ids);
        out.add(self);
        return out;
    }
}
