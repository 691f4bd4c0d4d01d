package org.parley.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.users.PublicUser;

/** SQL for messages and reactions. Every change takes the room's next {@code rev}; a new message also its next {@code seq}. */
public final class MessageStore {
    private static final String SELECT = """
            SELECT m.id, m.room_id, m.seq, m.rev, m.kind, m.content, m.client_id, m.reply_to, m.created_at,
                   m.edited_at, m.deleted_at, u.id AS sender_id, u.username AS sender_username,
                   u.display_name AS sender_display_name
              FROM messages m LEFT JOIN users u ON u.id = m.sender_id
            """;

    /** Seq and rev for a new message; moves the room's counters. Empty when the room is gone. */
    public Optional<long[]> nextSeqAndRev(Handle h, long roomId, long now) {
        return h.createQuery("""
                        UPDATE rooms SET last_seq = last_seq + 1, last_rev = last_rev + 1, last_message_at = :now
                         WHERE id = :room RETURNING last_seq, last_rev""")
                .bind("room", roomId).bind("now", now)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).findOne();
    }

    /** Next rev for a change to an existing message. */
    long nextRev(Handle h, long roomId) {
        return h.createQuery("UPDATE rooms SET last_rev = last_rev + 1 WHERE id = :room RETURNING last_rev")
                .bind("room", roomId).mapTo(Long.class).one();
    }

    /** Appends a message at the room's next seq; the caller's transaction makes it atomic. */
    public Message append(Handle h, long roomId, Long senderId, String kind, String content, String clientId,
                          Long replyTo, long now) {
        long seq = insert(h, roomId, senderId, kind, content, clientId, replyTo, now)[0];
        return bySeq(h, roomId, seq).orElseThrow();
    }

    /** Appends a text message from {@code sender} and returns it without reading it back. */
    Message appendText(Handle h, long roomId, PublicUser sender, String content, String clientId, Long replyTo, long now) {
        long[] ids = insert(h, roomId, sender.id(), Message.TEXT, content, clientId, replyTo, now);
        return new Message(ids[2], roomId, ids[0], ids[1], Message.TEXT, content, sender, clientId, replyTo, now, null,
                false, List.of());
    }

    /** Inserts at the next seq and rev; returns {seq, rev, id}. */
    private long[] insert(Handle h, long roomId, Long senderId, String kind, String content, String clientId,
                          Long replyTo, long now) {
        long[] seqRev = nextSeqAndRev(h, roomId, now)
                .orElseThrow(() -> new IllegalStateException("room " + roomId + " vanished during a send"));
        long id = h.createUpdate("""
                        INSERT INTO messages (room_id, seq, rev, sender_id, kind, content, client_id, reply_to, created_at)
                        VALUES (:room, :seq, :rev, :sender, :kind, :content, :clientId, :replyTo, :now)""")
                .bind("room", roomId).bind("seq", seqRev[0]).bind("rev", seqRev[1]).bind("sender", senderId)
                .bind("kind", kind).bind("content", content).bind("clientId", clientId).bind("replyTo", replyTo)
                .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new long[] {seqRev[0], seqRev[1], id};
    }

    Optional<Message> byClientId(Handle h, long senderId, String clientId) {
        return h.createQuery(SELECT + " WHERE m.sender_id = :sender AND m.client_id = :clientId")
                .bind("sender", senderId).bind("clientId", clientId).map(MessageStore::map).findOne()
                .map(m -> withReactions(h, List.of(m)).getFirst());
    }

    public Optional<Message> bySeq(Handle h, long roomId, long seq) {
        return h.createQuery(SELECT + " WHERE m.room_id = :room AND m.seq = :seq")
                .bind("room", roomId).bind("seq", seq).map(MessageStore::map).findOne()
                .map(m -> withReactions(h, List.of(m)).getFirst());
    }

    /** These messages, with their reactions, in no particular order. */
    public List<Message> byIds(Handle h, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return withReactions(h, h.createQuery(SELECT + " WHERE m.id IN (<ids>)").bindList("ids", List.copyOf(ids))
                .map(MessageStore::map).list());
    }

    boolean isLive(Handle h, long roomId, long seq) {
        return h.createQuery("SELECT COUNT(*) FROM messages WHERE room_id = :room AND seq = :seq AND deleted_at IS NULL")
                .bind("room", roomId).bind("seq", seq).mapTo(Integer.class).one() > 0;
    }

    void edit(Handle h, long roomId, long seq, String content, long now) {
        long rev = nextRev(h, roomId);
        h.createUpdate("UPDATE messages SET content = :content, edited_at = :now, rev = :rev WHERE room_id = :room AND seq = :seq")
                .bind("content", content).bind("now", now).bind("rev", rev).bind("room", roomId).bind("seq", seq).execute();
    }

    void tombstone(Handle h, long roomId, long seq, long now) {
        long rev = nextRev(h, roomId);
        h.createUpdate("""
                        UPDATE messages SET content = '', deleted_at = :now, rev = :rev
                         WHERE room_id = :room AND seq = :seq""")
                .bind("now", now).bind("rev", rev).bind("room", roomId).bind("seq", seq).execute();
        h.createUpdate("DELETE FROM reactions WHERE message_id = (SELECT id FROM messages WHERE room_id = :room AND seq = :seq)")
                .bind("room", roomId).bind("seq", seq).execute();
    }

    /** Adds the reaction, or removes it when the user already has it; returns true when added. */
    boolean toggleReaction(Handle h, long roomId, long seq, long userId, String emoji, long now) {
        long messageId = h.createQuery("SELECT id FROM messages WHERE room_id = :room AND seq = :seq")
                .bind("room", roomId).bind("seq", seq).mapTo(Long.class).one();
        int removed = h.createUpdate("DELETE FROM reactions WHERE message_id = :m AND user_id = :u AND emoji = :e")
                .bind("m", messageId).bind("u", userId).bind("e", emoji).execute();
        if (removed == 0) {
            h.createUpdate("INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (:m, :u, :e, :now)")
                    .bind("m", messageId).bind("u", userId).bind("e", emoji).bind("now", now).execute();
        }
        long rev = nextRev(h, roomId);
        h.createUpdate("UPDATE messages SET rev = :rev WHERE id = :m").bind("rev", rev).bind("m", messageId).execute();
        return removed == 0;
    }

    /** Messages with seq in [from, to], oldest first, at most {@code limit}. */
    public List<Message> range(Handle h, long roomId, long fromSeq, long toSeq, int limit) {
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
