package org.parley.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.parley.storage.Dialect;

/**
 * SQL for rooms and memberships. All methods run on the caller's handle (and transaction).
 * Methods that take many keys run one statement on PostgreSQL, where every statement is a round
 * trip, and the single-row statement per key on SQLite, where a statement costs no round trip.
 * Used only inside this package; other features go through {@link Memberships}.
 */
final class RoomStore {
    private static final String ROOM_COLUMNS =
            "id, kind, name, description, created_by, created_at, updated_at, last_seq, last_rev, last_message_at";
    private static final String MEMBER_SELECT = """
            SELECT rm.user_id, u.username, u.display_name, rm.role, rm.joined_at, rm.last_read_seq
              FROM room_members rm JOIN users u ON u.id = rm.user_id
            """;

    private final Dialect dialect;

    RoomStore(Dialect dialect) {
        this.dialect = dialect;
    }

    long insert(Handle h, String kind, String name, String description, String directKey, long createdBy, long now) {
        return h.createUpdate("""
                        INSERT INTO rooms (kind, name, description, direct_key, created_by, created_at, updated_at)
                        VALUES (:kind, :name, :description, :directKey, :createdBy, :now, :now)""")
                .bind("kind", kind).bind("name", name).bind("description", description).bind("directKey", directKey)
                .bind("createdBy", createdBy).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    Optional<Room> find(Handle h, long roomId) {
        return h.createQuery("SELECT " + ROOM_COLUMNS + " FROM rooms WHERE id = :id").bind("id", roomId)
                .map(RoomStore::mapRoom).findOne();
    }

    Optional<Long> findDirect(Handle h, String directKey) {
        return h.createQuery("SELECT id FROM rooms WHERE direct_key = :k").bind("k", directKey).mapTo(Long.class).findOne();
    }

    void updateDetails(Handle h, long roomId, String name, String description, long now) {
        h.createUpdate("UPDATE rooms SET name = :name, description = :description, updated_at = :now WHERE id = :id")
                .bind("name", name).bind("description", description).bind("now", now).bind("id", roomId).execute();
    }

    void delete(Handle h, long roomId) {
        h.createUpdate("DELETE FROM reactions WHERE message_id IN (SELECT id FROM messages WHERE room_id = :id)")
                .bind("id", roomId).execute();
        h.createUpdate("DELETE FROM messages WHERE room_id = :id").bind("id", roomId).execute();
        h.createUpdate("DELETE FROM room_members WHERE room_id = :id").bind("id", roomId).execute();
        h.createUpdate("DELETE FROM rooms WHERE id = :id").bind("id", roomId).execute();
    }

    /** Adds the user; false when already a member. */
    boolean addMember(Handle h, long roomId, long userId, Role role, long now, long readSeq) {
        if (membership(h, roomId, userId).isPresent()) return false;
        h.createUpdate("""
                        INSERT INTO room_members (room_id, user_id, role, joined_at, last_read_seq)
                        VALUES (:room, :user, :role, :now, :read)""")
                .bind("room", roomId).bind("user", userId).bind("role", role.json()).bind("now", now)
                .bind("read", readSeq).execute();
        return true;
    }

    boolean removeMember(Handle h, long roomId, long userId) {
        return h.createUpdate("DELETE FROM room_members WHERE room_id = :room AND user_id = :user")
                .bind("room", roomId).bind("user", userId).execute() == 1;
    }

    void setRole(Handle h, long roomId, long userId, Role role) {
        h.createUpdate("UPDATE room_members SET role = :role WHERE room_id = :room AND user_id = :user")
                .bind("role", role.json()).bind("room", roomId).bind("user", userId).execute();
    }

    /** Whether the user is a member of the room (a membership implies its room exists). */
    boolean isMember(Handle h, long roomId, long userId) {
        return h.createQuery("SELECT 1 FROM room_members WHERE room_id = :room AND user_id = :user")
                .bind("room", roomId).bind("user", userId).mapTo(Integer.class).findOne().isPresent();
    }

    Optional<Member> membership(Handle h, long roomId, long userId) {
        return h.createQuery(MEMBER_SELECT + " WHERE rm.room_id = :room AND rm.user_id = :user")
                .bind("room", roomId).bind("user", userId).map(RoomStore::mapMember).findOne();
    }

    /** The memberships among these keys that exist; a key that is not a membership is absent. */
    Map<MemberKey, Member> memberships(Handle h, Collection<MemberKey> keys) {
        Map<MemberKey, Member> found = new HashMap<>();
        if (dialect == Dialect.POSTGRES) {
            if (keys.isEmpty()) return found;
            // One primary-key probe per key, whatever the planner believes about the table's size:
            // LIMIT keeps the subquery from being turned into a join that could scan the table.
            h.createQuery("""
                            SELECT rm.room_id, rm.user_id, u.username, u.display_name, rm.role, rm.joined_at, rm.last_read_seq
                              FROM unnest(:rooms, :users) AS k(room_id, user_id)
                             CROSS JOIN LATERAL (SELECT * FROM room_members
                                                  WHERE room_id = k.room_id AND user_id = k.user_id LIMIT 1) rm
                              JOIN users u ON u.id = rm.user_id""")
                    .bindArray("rooms", Long.class, keys.stream().map(MemberKey::roomId).toList())
                    .bindArray("users", Long.class, keys.stream().map(MemberKey::userId).toList())
                    .map((rs, ctx) -> found.put(new MemberKey(rs.getLong("room_id"), rs.getLong("user_id")),
                            mapMember(rs, ctx)))
                    .list();
        } else {
            for (MemberKey k : keys) membership(h, k.roomId(), k.userId()).ifPresent(m -> found.put(k, m));
        }
        return found;
    }

    List<Member> members(Handle h, long roomId) {
        return h.createQuery(MEMBER_SELECT + " WHERE rm.room_id = :room ORDER BY rm.joined_at, rm.user_id")
                .bind("room", roomId).map(RoomStore::mapMember).list();
    }

    List<Long> memberIds(Handle h, long roomId) {
        return h.createQuery("SELECT user_id FROM room_members WHERE room_id = :room").bind("room", roomId)
                .mapTo(Long.class).list();
    }

    List<Long> roomIdsOf(Handle h, long userId) {
        return h.createQuery("SELECT room_id FROM room_members WHERE user_id = :user").bind("user", userId)
                .mapTo(Long.class).list();
    }

    /** Users who share at least one room with {@code userId}, the user included. */
    List<Long> contactsOf(Handle h, long userId) {
        return h.createQuery("""
                        SELECT DISTINCT other.user_id FROM room_members mine
                          JOIN room_members other ON other.room_id = mine.room_id
                         WHERE mine.user_id = :user""")
                .bind("user", userId).mapTo(Long.class).list();
    }

    /** Moves the read mark forward only; true when it moved. */
    boolean markRead(Handle h, long roomId, long userId, long seq) {
        return h.createUpdate("""
                        UPDATE room_members SET last_read_seq = :seq
                         WHERE room_id = :room AND user_id = :user AND last_read_seq < :seq""")
                .bind("seq", seq).bind("room", roomId).bind("user", userId).execute() == 1;
    }

    /** Moves each member's read mark forward to the seq given for them; a mark already beyond stays. */
    void markRead(Handle h, Map<MemberKey, Long> seqs) {
        List<MemberKey> keys = seqs.keySet().stream().sorted(MemberKey.ORDER).toList();
        if (dialect == Dialect.POSTGRES) {
            if (keys.isEmpty()) return;
            h.createUpdate("""
                            UPDATE room_members rm SET last_read_seq = k.seq
                              FROM unnest(:rooms, :users, :seqs) AS k(room_id, user_id, seq)
                             WHERE rm.room_id = k.room_id AND rm.user_id = k.user_id AND rm.last_read_seq < k.seq""")
                    .bindArray("rooms", Long.class, keys.stream().map(MemberKey::roomId).toList())
                    .bindArray("users", Long.class, keys.stream().map(MemberKey::userId).toList())
                    .bindArray("seqs", Long.class, keys.stream().map(seqs::get).toList())
                    .execute();
        } else {
            for (MemberKey k : keys) markRead(h, k.roomId(), k.userId(), seqs.get(k));
        }
    }

    /** Next rev of the room, for a change to one of its messages. */
    long nextRev(Handle h, long roomId) {
        return h.createQuery("UPDATE rooms SET last_rev = last_rev + 1 WHERE id = :room RETURNING last_rev")
                .bind("room", roomId).mapTo(Long.class).one();
    }

    /**
     * Takes {@code n} seqs and revs in each room (rooms locked in id order) and moves its last
     * message time; returns each room's {last_seq, last_rev} afterwards, the last of its new range.
     */
    Map<Long, long[]> advanceCounters(Handle h, Map<Long, Integer> countByRoom, long now) {
        Map<Long, Integer> rooms = new TreeMap<>(countByRoom);
        Map<Long, long[]> last = new HashMap<>();
        if (rooms.isEmpty()) return last;
        if (dialect == Dialect.POSTGRES) {
            h.createQuery("""
                            UPDATE rooms r SET last_seq = r.last_seq + k.n, last_rev = r.last_rev + k.n, last_message_at = :now
                              FROM unnest(:rooms, :counts) AS k(id, n)
                             WHERE r.id = k.id RETURNING r.id, r.last_seq, r.last_rev""")
                    .bindArray("rooms", Long.class, List.copyOf(rooms.keySet()))
                    .bindArray("counts", Long.class, rooms.values().stream().map(Integer::longValue).toList())
                    .bind("now", now)
                    .map((rs, ctx) -> last.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)})).list();
        } else {
            rooms.forEach((room, n) -> h.createQuery("""
                            UPDATE rooms SET last_seq = last_seq + :n, last_rev = last_rev + :n, last_message_at = :now
                             WHERE id = :room RETURNING last_seq, last_rev""")
                    .bind("n", n).bind("now", now).bind("room", room)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).findOne()
                    .ifPresent(seqRev -> last.put(room, seqRev)));
        }
        for (Long room : rooms.keySet()) {
            if (!last.containsKey(room)) throw new IllegalStateException("room " + room + " vanished during a send");
        }
        return last;
    }

    /**
     * Per room, the members among the given usernames (stored lower-case) and their ids; a name
     * that is no member's is absent.
     */
    Map<Long, Map<String, Long>> membersNamed(Handle h, Map<Long, ? extends Collection<String>> namesByRoom) {
        Map<Long, Map<String, Long>> found = new HashMap<>();
        if (dialect == Dialect.POSTGRES) {
            List<Long> rooms = new java.util.ArrayList<>();
            List<String> names = new java.util.ArrayList<>();
            namesByRoom.forEach((room, ns) -> ns.forEach(n -> {
                rooms.add(room);
                names.add(n);
            }));
            if (rooms.isEmpty()) return found;
            h.createQuery("""
                            SELECT k.room_id, u.username, u.id FROM unnest(:rooms, :names) AS k(room_id, username)
                              JOIN users u ON u.username = k.username
                              JOIN room_members rm ON rm.room_id = k.room_id AND rm.user_id = u.id""")
                    .bindArray("rooms", Long.class, rooms).bindArray("names", String.class, names)
                    .map((rs, ctx) -> found.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getLong(3)))
                    .list();
        } else {
            namesByRoom.forEach((room, ns) -> {
                if (ns.isEmpty()) return;
                h.createQuery("""
                                SELECT u.username, u.id FROM room_members rm JOIN users u ON u.id = rm.user_id
                                 WHERE rm.room_id = :room AND u.username IN (<names>)""")
                        .bind("room", room).bindList("names", List.copyOf(ns))
                        .map((rs, ctx) -> found.computeIfAbsent(room, k -> new HashMap<>())
                                .put(rs.getString(1), rs.getLong(2)))
                        .list();
            });
        }
        return found;
    }

    /**
     * Messages after {@code afterSeq} that mention the user or the whole room, not written by the
     * user and not deleted: the unread mentions when {@code afterSeq} is their read mark.
     */
    long mentionCount(Handle h, long roomId, long userId, long afterSeq) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM messages
                         WHERE room_id = :room AND seq > :after AND deleted_at IS NULL
                           AND (sender_id IS NULL OR sender_id <> :user)
                           AND (mentions_room = :yes OR mention_ids LIKE :pattern)""")
                .bind("room", roomId).bind("after", afterSeq).bind("user", userId).bind("yes", true)
                .bind("pattern", "%," + userId + ",%").mapTo(Long.class).one();
    }

    /** The member's notification settings for the room; empty for a non-member. */
    Optional<NotificationSettings> notifications(Handle h, long roomId, long userId) {
        return h.createQuery("SELECT notify_level, muted_until FROM room_members WHERE room_id = :room AND user_id = :user")
                .bind("room", roomId).bind("user", userId)
                .map((rs, ctx) -> {
                    String level = rs.getString(1);
                    long until = rs.getLong(2);
                    return new NotificationSettings(NotificationLevel.parse(level), rs.wasNull() ? null : until);
                }).findOne();
    }

    /** Every member's notification settings for the room, by user id. */
    Map<Long, NotificationSettings> memberNotifications(Handle h, long roomId) {
        Map<Long, NotificationSettings> out = new java.util.HashMap<>();
        h.createQuery("SELECT user_id, notify_level, muted_until FROM room_members WHERE room_id = :room")
                .bind("room", roomId)
                .map((rs, ctx) -> {
                    long user = rs.getLong(1);
                    String level = rs.getString(2);
                    long until = rs.getLong(3);
                    out.put(user, new NotificationSettings(NotificationLevel.parse(level), rs.wasNull() ? null : until));
                    return user;
                }).list();
        return out;
    }

    void setNotifications(Handle h, long roomId, long userId, NotificationSettings settings) {
        h.createUpdate("""
                        UPDATE room_members SET notify_level = :level, muted_until = :until
                         WHERE room_id = :room AND user_id = :user""")
                .bind("level", settings.level().json()).bind("until", settings.mutedUntil())
                .bind("room", roomId).bind("user", userId).execute();
    }

    int memberCount(Handle h, long roomId) {
        return h.createQuery("SELECT COUNT(*) FROM room_members WHERE room_id = :room").bind("room", roomId)
                .mapTo(Integer.class).one();
    }

    /** The member to hand ownership to: the longest-standing admin, else the longest-standing member. */
    Optional<Long> successor(Handle h, long roomId, long leavingOwner) {
        return h.createQuery("""
                        SELECT user_id FROM room_members WHERE room_id = :room AND user_id <> :owner
                         ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, joined_at, user_id LIMIT 1""")
                .bind("room", roomId).bind("owner", leavingOwner).mapTo(Long.class).findOne();
    }

    /** The peer of a direct room, seen from {@code userId}. */
    Optional<Member> peer(Handle h, long roomId, long userId) {
        return h.createQuery(MEMBER_SELECT + " WHERE rm.room_id = :room AND rm.user_id <> :user")
                .bind("room", roomId).bind("user", userId).map(RoomStore::mapMember).findFirst();
    }

    /** The rooms of a user, newest activity first. */
    List<Room> roomsOf(Handle h, long userId) {
        return h.createQuery("SELECT " + prefixed("r") + """
                         FROM rooms r JOIN room_members rm ON rm.room_id = r.id
                        WHERE rm.user_id = :user
                        ORDER BY COALESCE(r.last_message_at, r.created_at) DESC, r.id DESC""")
                .bind("user", userId).map(RoomStore::mapRoom).list();
    }

    private static String prefixed(String alias) {
        return java.util.Arrays.stream(ROOM_COLUMNS.split(", ")).map(c -> alias + "." + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static Room mapRoom(ResultSet rs, StatementContext ctx) throws SQLException {
        long last = rs.getLong("last_message_at");
        Long lastMessageAt = rs.wasNull() ? null : last;
        return new Room(rs.getLong("id"), rs.getString("kind"), rs.getString("name"), rs.getString("description"),
                rs.getLong("created_by"), rs.getLong("created_at"), rs.getLong("updated_at"), rs.getLong("last_seq"),
                rs.getLong("last_rev"), lastMessageAt);
    }

    private static Member mapMember(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Member(rs.getLong("user_id"), rs.getString("username"), rs.getString("display_name"),
                Role.parse(rs.getString("role")), rs.getLong("joined_at"), rs.getLong("last_read_seq"));
    }
}
