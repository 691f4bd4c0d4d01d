package org.parley.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.parley.storage.Dialect;
import org.parley.users.PublicUser;

/**
 * SQL for messages and reactions. Every change takes the room's next {@code rev}; a new message also its next {@code seq}.
 * Methods that take many rows run one statement on PostgreSQL, where every statement is a round
 * trip, and the single-row statement per row on SQLite, where a statement costs no round trip.
 * The rooms' counters belong to rooms: callers take seqs and revs through
 * {@link org.parley.rooms.Memberships} in the same transaction and hand them in. Used only inside
 * this package.
 */
final class MessageStore {
    private static final String SELECT_COLUMNS = """
            SELECT m.id, m.room_id, m.seq, m.rev, m.kind, m.content, m.client_id, m.reply_to, m.created_at,
                   m.edited_at, m.deleted_at, u.id AS sender_id, u.username AS sender_username,
                   u.display_name AS sender_display_name
            """;
    private static final String SELECT = SELECT_COLUMNS + "  FROM messages m LEFT JOIN users u ON u.id = m.sender_id\n";

    private final Dialect dialect;

    MessageStore(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Inserts one message at a seq and rev already taken; returns its id. */
    long insertAt(Handle h, long roomId, long seq, long rev, Long senderId, String kind, String content,
                          String clientId, Long replyTo, long now) {
        return h.createUpdate("""
                        INSERT INTO messages (room_id, seq, rev, sender_id, kind, content, client_id, reply_to, created_at)
                        VALUES (:room, :seq, :rev, :sender, :kind, :content, :clientId, :replyTo, :now)""")
                .bind("room", roomId).bind("seq", seq).bind("rev", rev).bind("sender", senderId)
                .bind("kind", kind).bind("content", content).bind("clientId", clientId).bind("replyTo", replyTo)
                .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Inserts these messages, whose seq and rev are taken, and returns them with their ids. */
    List<Message> insertAll(Handle h, List<Message> unsaved) {
        if (unsaved.isEmpty()) return List.of();
        if (dialect == Dialect.SQLITE) {
            return unsaved.stream().map(m -> withId(m, insertAt(h, m.roomId(), m.seq(), m.rev(), senderId(m), m.kind(),
                    m.content(), m.clientId(), m.replyTo(), m.createdAt()))).toList();
        }
        Map<RoomSeq, Long> ids = new HashMap<>();
        h.createQuery("""
                        INSERT INTO messages (room_id, seq, rev, sender_id, kind, content, client_id, reply_to, created_at)
                        SELECT * FROM unnest(:rooms, :seqs, :revs, :senders, :kinds, :contents, :clientIds, :replyTos, :times)
                        RETURNING id, room_id, seq""")
                .bindArray("rooms", Long.class, column(unsaved, Message::roomId))
                .bindArray("seqs", Long.class, column(unsaved, Message::seq))
                .bindArray("revs", Long.class, column(unsaved, Message::rev))
                .bindArray("senders", Long.class, column(unsaved, MessageStore::senderId))
                .bindArray("kinds", String.class, column(unsaved, Message::kind))
                .bindArray("contents", String.class, column(unsaved, Message::content))
                .bindArray("clientIds", String.class, column(unsaved, Message::clientId))
                .bindArray("replyTos", Long.class, column(unsaved, Message::replyTo))
                .bindArray("times", Long.class, column(unsaved, Message::createdAt))
                .map((rs, ctx) -> ids.put(new RoomSeq(rs.getLong(2), rs.getLong(3)), rs.getLong(1))).list();
        return unsaved.stream().map(m -> withId(m, ids.get(new RoomSeq(m.roomId(), m.seq())))).toList();
    }

    private record RoomSeq(long roomId, long seq) {}

    private static <T> List<T> column(List<Message> rows, Function<Message, T> value) {
        List<T> column = new ArrayList<>(rows.size());
        for (Message m : rows) column.add(value.apply(m));
        return column;
    }

    private static Long senderId(Message m) {
        return m.sender() == null ? null : m.sender().id();
    }

    private static Message withId(Message m, Long id) {
        if (id == null) throw new IllegalStateException("message " + m.roomId() + "/" + m.seq() + " was not inserted");
        return new Message(id, m.roomId(), m.seq(), m.rev(), m.kind(), m.content(), m.sender(), m.clientId(),
                m.replyTo(), m.createdAt(), m.editedAt(), m.deleted(), m.reactions());
    }

    /** A sender's clientId, unique among their messages. */
    record ClientKey(long senderId, String clientId) {}

    /** The stored messages with these clientIds; a clientId not used yet is absent. */
    Map<ClientKey, Message> byClientIds(Handle h, Set<ClientKey> keys) {
        Map<ClientKey, Message> found = new HashMap<>();
        if (keys.isEmpty()) return found;
        if (dialect == Dialect.SQLITE) {
            for (ClientKey k : keys) byClientId(h, k.senderId(), k.clientId()).ifPresent(m -> found.put(k, m));
            return found;
        }
        // One unique-index probe per key, whatever the planner believes about the table's size:
        // LIMIT keeps the subquery from being turned into a join that could scan the table.
        List<ClientKey> ordered = List.copyOf(keys);
        List<Message> stored = withReactions(h, h.createQuery(SELECT_COLUMNS + """
                          FROM unnest(:senders, :clientIds) AS k(sender_id, client_id)
                         CROSS JOIN LATERAL (SELECT * FROM messages
                                              WHERE sender_id = k.sender_id AND client_id = k.client_id
                                                AND client_id IS NOT NULL LIMIT 1) m
                          LEFT JOIN users u ON u.id = m.sender_id""")
                .bindArray("senders", Long.class, ordered.stream().map(ClientKey::senderId).toList())
                .bindArray("clientIds", String.class, ordered.stream().map(ClientKey::clientId).toList())
                .map(MessageStore::map).list());
        for (Message m : stored) found.put(new ClientKey(m.sender().id(), m.clientId()), m);
        return found;
    }

    Optional<Message> byClientId(Handle h, long senderId, String clientId) {
        return h.createQuery(SELECT + " WHERE m.sender_id = :sender AND m.client_id = :clientId")
                .bind("sender", senderId).bind("clientId", clientId).map(MessageStore::map).findOne()
                .map(m -> withReactions(h, List.of(m)).getFirst());
    }

    Optional<Message> bySeq(Handle h, long roomId, long seq) {
        return h.createQuery(SELECT + " WHERE m.room_id = :room AND m.seq = :seq")
                .bind("room", roomId).bind("seq", seq).map(MessageStore::map).findOne()
                .map(m -> withReactions(h, List.of(m)).getFirst());
    }

    /** These messages, with their reactions, in no particular order. */
    List<Message> byIds(Handle h, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return withReactions(h, h.createQuery(SELECT + " WHERE m.id IN (<ids>)").bindList("ids", List.copyOf(ids))
                .map(MessageStore::map).list());
    }

    boolean isLive(Handle h, long roomId, long seq) {
        return h.createQuery("SELECT COUNT(*) FROM messages WHERE room_id = :room AND seq = :seq AND deleted_at IS NULL")
                .bind("room", roomId).bind("seq", seq).mapTo(Integer.class).one() > 0;
    }

    /** Changes the content; {@code rev} is the room's next rev, taken by the caller. */
    void edit(Handle h, long roomId, long seq, String content, long now, long rev) {
        h.createUpdate("UPDATE messages SET content = :content, edited_at = :now, rev = :rev WHERE room_id = :room AND seq = :seq")
                .bind("content", content).bind("now", now).bind("rev", rev).bind("room", roomId).bind("seq", seq).execute();
    }

    /** Empties the message and drops its reactions; {@code rev} is the room's next rev, taken by the caller. */
    void tombstone(Handle h, long roomId, long seq, long now, long rev) {
        h.createUpdate("""
                        UPDATE messages SET content = '', deleted_at = :now, rev = :rev
                         WHERE room_id = :room AND seq = :seq""")
                .bind("now", now).bind("rev", rev).bind("room", roomId).bind("seq", seq).execute();
        h.createUpdate("DELETE FROM reactions WHERE message_id = (SELECT id FROM messages WHERE room_id = :room AND seq = :seq)")
                .bind("room", roomId).bind("seq", seq).execute();
    }

    /**
     * Adds the reaction, or removes it when the user already has it; returns true when added.
     * {@code rev} is the room's next rev, taken by the caller.
     */
    boolean toggleReaction(Handle h, long roomId, long seq, long userId, String emoji, long now, long rev) {
        long messageId = h.createQuery("SELECT id FROM messages WHERE room_id = :room AND seq = :seq")
                .bind("room", roomId).bind("seq", seq).mapTo(Long.class).one();
        int removed = h.createUpdate("DELETE FROM reactions WHERE message_id = :m AND user_id = :u AND emoji = :e")
                .bind("m", messageId).bind("u", userId).bind("e", emoji).execute();
        if (removed == 0) {
            h.createUpdate("INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (:m, :u, :e, :now)")
                    .bind("m", messageId).bind("u", userId).bind("e", emoji).bind("now", now).execute();
        }
        h.createUpdate("UPDATE messages SET rev = :rev WHERE id = :m").bind("rev", rev).bind("m", messageId).execute();
        return removed == 0;
    }

    /** Messages with seq in [from, to], oldest first, at most {@code limit}. */
    List<Message> range(Handle h, long roomId, long fromSeq, long toSeq, int limit) {
        return withReactions(h, h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.seq BETWEEN :from AND :to ORDER BY m.seq LIMIT :limit""")
                .bind("room", roomId).bind("from", fromSeq).bind("to", toSeq).bind("limit", limit)
                .map(MessageStore::map).list());
    }

    /** The {@code limit} messages just before {@code beforeSeq}, oldest first. */
    List<Message> before(Handle h, long roomId, long beforeSeq, int limit) {
        List<Message> newestFirst = h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.seq < :before ORDER BY m.seq DESC LIMIT :limit""")
                .bind("room", roomId).bind("before", beforeSeq).bind("limit", limit)
                .map(MessageStore::map).list();
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return withReactions(h, oldestFirst);
    }

    /** Messages at or below {@code maxSeq} changed after {@code sinceRev}, oldest change first. */
    List<Message> changedSince(Handle h, long roomId, long maxSeq, long sinceRev, int limit) {
        return withReactions(h, h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.seq <= :maxSeq AND m.rev > :rev ORDER BY m.rev LIMIT :limit""")
                .bind("room", roomId).bind("maxSeq", maxSeq).bind("rev", sinceRev).bind("limit", limit)
                .map(MessageStore::map).list());
    }

    private List<Message> withReactions(Handle h, List<Message> messages) {
        if (messages.isEmpty()) return messages;
        Map<Long, Map<String, List<Long>>> byMessage = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT message_id, emoji, user_id FROM reactions WHERE message_id IN (<ids>)
                         ORDER BY created_at, user_id""")
                .bindList("ids", messages.stream().map(Message::id).toList())
                .map((rs, ctx) -> {
                    byMessage.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(3));
                    return null;
                }).list();
        if (byMessage.isEmpty()) return messages;
        return messages.stream().map(m -> {
            Map<String, List<Long>> r = byMessage.get(m.id());
            if (r == null) return m;
            return m.withReactions(r.entrySet().stream()
                    .map(e -> new Message.Reaction(e.getKey(), e.getValue().size(), List.copyOf(e.getValue()))).toList());
        }).toList();
    }

    private static Message map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        long senderId = rs.getLong("sender_id");
        PublicUser sender = rs.wasNull() ? null
                : new PublicUser(senderId, rs.getString("sender_username"), rs.getString("sender_display_name"));
        long replyTo = rs.getLong("reply_to");
        Long reply = rs.wasNull() ? null : replyTo;
        long editedAt = rs.getLong("edited_at");
        Long edited = rs.wasNull() ? null : editedAt;
        rs.getLong("deleted_at");
        boolean deleted = !rs.wasNull();
        return new Message(rs.getLong("id"), rs.getLong("room_id"), rs.getLong("seq"), rs.getLong("rev"),
                rs.getString("kind"), rs.getString("content"), sender, rs.getString("client_id"), reply,
                rs.getLong("created_at"), edited, deleted, List.of());
    }
}
