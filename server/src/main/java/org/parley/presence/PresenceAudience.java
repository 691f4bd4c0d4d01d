package org.parley.presence;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Who may see whose presence. In a group, a member's presence is shown to the other members only
 * once the member has taken part in it: created it, sent a message in it, or read a message that
 * arrived after they joined ({@code room_opens}). Being added to a group is not consent to being
 * watched. In a direct room both people always see each other. A user always sees themselves.
 */
final class PresenceAudience {
    private static final String TAKEN_PART = """
            (r.kind = 'direct' OR r.created_by = %1$s
             OR EXISTS (SELECT 1 FROM room_opens o WHERE o.room_id = r.id AND o.user_id = %1$s))""";

    /** Users who may see {@code userId}'s presence, the user included. */
    List<Long> watchersOf(Handle h, long userId) {
        List<Long> ids = h.createQuery("""
                        SELECT DISTINCT other.user_id FROM room_members mine
                          JOIN rooms r ON r.id = mine.room_id
                          JOIN room_members other ON other.room_id = mine.room_id
                         WHERE mine.user_id = :user AND """ + TAKEN_PART.formatted("mine.user_id"))
                .bind("user", userId).mapTo(Long.class).list();
        return withSelf(ids, userId);
    }

    /** Users whose presence {@code viewerId} may see, the viewer included. */
    List<Long> visibleTo(Handle h, long viewerId) {
        List<Long> ids = h.createQuery("""
                        SELECT DISTINCT other.user_id FROM room_members mine
                          JOIN rooms r ON r.id = mine.room_id
                          JOIN room_members other ON other.room_id = mine.room_id
                         WHERE mine.user_id = :viewer AND """ + TAKEN_PART.formatted("other.user_id"))
                .bind("viewer", viewerId).mapTo(Long.class).list();
        return withSelf(ids, viewerId);
    }

    /** True when {@code userId}'s presence is shown in {@code roomId}. */
    boolean shownIn(Handle h, long roomId, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM rooms r WHERE r.id = :room AND " + TAKEN_PART.formatted(":user"))
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
