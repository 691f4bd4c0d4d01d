package org.parley.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.parley.files.Attachment;
import org.parley.files.Attachments;
import org.parley.storage.Dialect;
import org.parley.users.PublicUser;

/**
 * SQL for messages and reactions. Every change takes the room's next {@code rev}; a new message also its next {@code seq}.
 * Methods that take many rows run one statement on PostgreSQL, where every statement is a round
 * trip, and the single-row statement per row on SQLite, where a statement costs no round trip.
 * The rooms' counters belong to rooms: callers take seqs and revs through
 * {@link org.parley.rooms.Memberships} in the same transaction and hand them in. A message stored
 * with files keeps their names and kinds in its own row ({@code file_names}, {@code has_file},
 * {@code has_image}) for search; the files themselves are linked by {@link Attachments}. Messages
 * read here come with their reactions and attachments ({@link MessageDetails}). Used only inside
 * this package.
 */
final class MessageStore {
    private static final String SELECT_COLUMNS = """
            SELECT m.id, m.room_id, m.seq, m.rev, m.kind, m.content, m.client_id, m.reply_to, m.created_at,
                   m.edited_at, m.deleted_at, u.id AS sender_id, u.username AS sender_username,
                   u.display_name AS sender_display_name, m.has_file, m.mention_ids, m.mentions_room,
                   m.thread_root_seq, m.thread_reply_count, m.thread_last_reply_at, m.thread_last_reply_seq,
                   m.thread_last_repliers
            """;
    private static final String SELECT = SELECT_COLUMNS + "  FROM messages m LEFT JOIN users u ON u.id = m.sender_id\n";
    /** How many distinct repliers a thread's summary names. */
    static final int THREAD_REPLIERS_SHOWN = 3;

    private final Dialect dialect;
    private final MessageDetails details;

    MessageStore(Dialect dialect) {
        this.dialect = dialect;
        this.details = new MessageDetails(new Attachments());
    }

    /** Inserts one message without files at a seq and rev already taken; returns its id. */
    long insertAt(Handle h, long roomId, long seq, long rev, Long senderId, String kind, String content,
                          String clientId, Long replyTo, long now) {
        return insertOne(h, new Message(0, roomId, seq, rev, kind, content, null, clientId, replyTo, now, null, false,
                List.of(), List.of()), senderId);
    }

    private long insertOne(Handle h, Message m, Long senderId) {
        return h.createUpdate("""
                        INSERT INTO messages (room_id, seq, rev, sender_id, kind, content, client_id, reply_to, created_at,
                                              file_names, has_file, has_image, mention_ids, mentions_room, thread_root_seq)
                        VALUES (:room, :seq, :rev, :sender, :kind, :content, :clientId, :replyTo, :now,
                                :fileNames, :hasFile, :hasImage, :mentionIds, :mentionsRoom, :threadRoot)""")
                .bind("room", m.roomId()).bind("seq", m.seq()).bind("rev", m.rev()).bind("sender", senderId)
                .bind("kind", m.kind()).bind("content", m.content()).bind("clientId", m.clientId())
                .bind("replyTo", m.replyTo()).bind("now", m.createdAt()).bind("fileNames", fileNames(m))
                .bind("hasFile", !m.attachments().isEmpty()).bind("hasImage", hasImage(m))
                .bind("mentionIds", mentionIds(m.mentions())).bind("mentionsRoom", m.mentionsRoom())
                .bind("threadRoot", m.threadRootSeq())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** The names of a message's files, one a line, as search indexes them; null without files. */
    private static String fileNames(Message m) {
        if (m.attachments().isEmpty()) return null;
        return String.join("\n", m.attachments().stream().map(Attachment::name).toList());
    }

    /** The mentioned ids as stored: ",3,7,", so that one id is found with LIKE '%,3,%'; null for none. */
    static String mentionIds(List<Long> ids) {
        if (ids.isEmpty()) return null;
        StringBuilder s = new StringBuilder(",");
        for (Long id : ids) s.append(id).append(',');
        return s.toString();
    }

    private static List<Long> mentionIds(String stored) {
        if (stored == null || stored.isEmpty()) return List.of();
        List<Long> ids = new ArrayList<>();
        for (String part : stored.split(",")) if (!part.isEmpty()) ids.add(Long.parseLong(part));
        return ids;
    }

    private static boolean hasImage(Message m) {
        return m.attachments().stream().anyMatch(a -> "image".equals(a.kind()));
    }

    /** Inserts these messages, whose seq and rev are taken, and returns them with their ids. */
    List<Message> insertAll(Handle h, List<Message> unsaved) {
        if (unsaved.isEmpty()) return List.of();
        if (dialect == Dialect.SQLITE) {
            return unsaved.stream().map(m -> withId(m, insertOne(h, m, senderId(m)))).toList();
        }
        Map<RoomSeq, Long> ids = new HashMap<>();
        h.createQuery("""
                        INSERT INTO messages (room_id, seq, rev, sender_id, kind, content, client_id, reply_to, created_at,
                                              file_names, has_file, has_image, mention_ids, mentions_room, thread_root_seq)
                        SELECT * FROM unnest(:rooms, :seqs, :revs, :senders, :kinds, :contents, :clientIds, :replyTos, :times,
                                             :fileNames, :hasFiles, :hasImages, :mentionIds, :mentionsRooms, :threadRoots)
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
                .bindArray("fileNames", String.class, column(unsaved, MessageStore::fileNames))
                .bindArray("hasFiles", Boolean.class, column(unsaved, m -> !m.attachments().isEmpty()))
                .bindArray("hasImages", Boolean.class, column(unsaved, MessageStore::hasImage))
                .bindArray("mentionIds", String.class, column(unsaved, m -> mentionIds(m.mentions())))
                .bindArray("mentionsRooms", Boolean.class, column(unsaved, Message::mentionsRoom))
                .bindArray("threadRoots", Long.class, column(unsaved, Message::threadRootSeq))
                .map((rs, ctx) -> ids.put(new RoomSeq(rs.getLong(2), rs.getLong(3)), rs.getLong(1))).list();
        return unsaved.stream().map(m -> withId(m, ids.get(new RoomSeq(m.roomId(), m.seq())))).toList();
    }

    record RoomSeq(long roomId, long seq) {}

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
        return m.withId(id);
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
        List<Message> stored = load(h, h.createQuery(SELECT_COLUMNS + """
                          FROM unnest(:senders, :clientIds) AS k(sender_id, client_id)
                         CROSS JOIN LATERAL (SELECT * FROM messages
                                              WHERE sender_id = k.sender_id AND client_id = k.client_id
                                                AND client_id IS NOT NULL LIMIT 1) m
                          LEFT JOIN users u ON u.id = m.sender_id""")
                .bindArray("senders", Long.class, ordered.stream().map(ClientKey::senderId).toList())
                .bindArray("clientIds", String.class, ordered.stream().map(ClientKey::clientId).toList()));
        for (Message m : stored) found.put(new ClientKey(m.sender().id(), m.clientId()), m);
        return found;
    }

    Optional<Message> byClientId(Handle h, long senderId, String clientId) {
        return load(h, h.createQuery(SELECT + " WHERE m.sender_id = :sender AND m.client_id = :clientId")
                .bind("sender", senderId).bind("clientId", clientId)).stream().findFirst();
    }

    Optional<Message> bySeq(Handle h, long roomId, long seq) {
        return load(h, h.createQuery(SELECT + " WHERE m.room_id = :room AND m.seq = :seq")
                .bind("room", roomId).bind("seq", seq)).stream().findFirst();
    }

    /** These messages, with their reactions and attachments, in no particular order. */
    List<Message> byIds(Handle h, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return load(h, h.createQuery(SELECT + " WHERE m.id IN (<ids>)").bindList("ids", List.copyOf(ids)));
    }

    /** Where the message holding this file is, when a message that is not deleted holds it. */
    Optional<RoomSeq> holderOf(Handle h, String fileId) {
        return h.createQuery("""
                        SELECT m.room_id, m.seq FROM message_files mf
                          JOIN messages m ON m.room_id = mf.room_id AND m.seq = mf.seq
                         WHERE mf.file_id = :file AND m.deleted_at IS NULL""")
                .bind("file", fileId).map((rs, ctx) -> new RoomSeq(rs.getLong(1), rs.getLong(2))).findOne();
    }

    /** Marks the message changed at {@code rev}, the room's next rev taken by the caller. */
    void touch(Handle h, long roomId, long seq, long rev) {
        h.createUpdate("UPDATE messages SET rev = :rev WHERE room_id = :room AND seq = :seq")
                .bind("rev", rev).bind("room", roomId).bind("seq", seq).execute();
    }

    /** Where a message stands: whether it is live (not deleted), whether it is text, and the thread it is a reply in. */
    record Placement(boolean live, boolean text, Long threadRootSeq) {
        boolean canBeThreadRoot() {
            return live && text && threadRootSeq == null;
        }
    }

    Optional<Placement> placement(Handle h, long roomId, long seq) {
        return h.createQuery("SELECT deleted_at, kind, thread_root_seq FROM messages WHERE room_id = :room AND seq = :seq")
                .bind("room", roomId).bind("seq", seq)
                .map((rs, ctx) -> {
                    rs.getLong(1);
                    boolean live = rs.wasNull();
                    boolean text = Message.TEXT.equals(rs.getString(2));
                    long root = rs.getLong(3);
                    return new Placement(live, text, rs.wasNull() ? null : root);
                }).findOne();
    }

    /**
     * Counts {@code added} more replies on the thread of root {@code rootSeq}, the newest at {@code
     * lastReplyAt} with seq {@code lastReplySeq}, by {@code newestRepliers} (newest first); the summary keeps the last {@value
     * #THREAD_REPLIERS_SHOWN} distinct repliers. The root takes {@code rev}, the room's next rev taken
     * by the caller after the room's counters were locked, so the summary read here is current.
     */
    void addReplies(Handle h, long roomId, long rootSeq, int added, long lastReplyAt, long lastReplySeq,
                    List<Long> newestRepliers, long rev) {
        String before = h.createQuery("SELECT thread_last_repliers FROM messages WHERE room_id = :room AND seq = :seq")
                .bind("room", roomId).bind("seq", rootSeq).mapTo(String.class).findOne().orElse(null);
        java.util.LinkedHashSet<Long> repliers = new java.util.LinkedHashSet<>(newestRepliers);
        repliers.addAll(repliers(before));
        String kept = String.join(",", repliers.stream().limit(THREAD_REPLIERS_SHOWN).map(String::valueOf).toList());
        h.createUpdate("""
                        UPDATE messages SET thread_reply_count = thread_reply_count + :added, thread_last_reply_at = :at,
                                            thread_last_reply_seq = :lastSeq, thread_last_repliers = :repliers, rev = :rev
                         WHERE room_id = :room AND seq = :seq""")
                .bind("added", added).bind("at", lastReplyAt).bind("lastSeq", lastReplySeq).bind("repliers", kept).bind("rev", rev)
                .bind("room", roomId).bind("seq", rootSeq).execute();
    }

    private static List<Long> repliers(String stored) {
        if (stored == null || stored.isEmpty()) return List.of();
        return java.util.Arrays.stream(stored.split(",")).map(Long::valueOf).toList();
    }

    /** The replies in the thread of root {@code rootSeq} with a seq above {@code afterSeq}, oldest first, at most {@code limit}. */
    List<Message> thread(Handle h, long roomId, long rootSeq, long afterSeq, int limit) {
        return load(h, h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.thread_root_seq = :root AND m.seq > :after
                         ORDER BY m.seq LIMIT :limit""")
                .bind("room", roomId).bind("root", rootSeq).bind("after", afterSeq).bind("limit", limit));
    }

    boolean isLive(Handle h, long roomId, long seq) {
        return h.createQuery("SELECT COUNT(*) FROM messages WHERE room_id = :room AND seq = :seq AND deleted_at IS NULL")
                .bind("room", roomId).bind("seq", seq).mapTo(Integer.class).one() > 0;
    }

    /** Changes the content and what it mentions; {@code rev} is the room's next rev, taken by the caller. */
    void edit(Handle h, long roomId, long seq, String content, List<Long> mentions, boolean mentionsRoom, long now,
              long rev) {
        h.createUpdate("""
                        UPDATE messages SET content = :content, mention_ids = :mentionIds, mentions_room = :mentionsRoom,
                                            edited_at = :now, rev = :rev
                         WHERE room_id = :room AND seq = :seq""")
                .bind("content", content).bind("mentionIds", mentionIds(mentions)).bind("mentionsRoom", mentionsRoom)
                .bind("now", now).bind("rev", rev).bind("room", roomId).bind("seq", seq).execute();
    }

    /**
     * Empties the message, forgets its file names and drops its reactions; {@code rev} is the
     * room's next rev, taken by the caller. Its files are released by the caller ({@link Attachments#release}).
     */
    void tombstone(Handle h, long roomId, long seq, long now, long rev) {
        h.createUpdate("""
                        UPDATE messages SET content = '', deleted_at = :now, rev = :rev,
                                            file_names = NULL, has_file = :no, has_image = :no,
                                            mention_ids = NULL, mentions_room = :no
                         WHERE room_id = :room AND seq = :seq""")
                .bind("now", now).bind("rev", rev).bind("no", false).bind("room", roomId).bind("seq", seq).execute();
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

    /** Top-level messages (no thread replies) with seq in [from, to], oldest first, at most {@code limit}. */
    List<Message> timelineRange(Handle h, long roomId, long fromSeq, long toSeq, int limit) {
        return load(h, h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.seq BETWEEN :from AND :to AND m.thread_root_seq IS NULL
                         ORDER BY m.seq LIMIT :limit""")
                .bind("room", roomId).bind("from", fromSeq).bind("to", toSeq).bind("limit", limit));
    }

    /** The {@code limit} top-level messages (no thread replies) just before {@code beforeSeq}, oldest first. */
    List<Message> timelineBefore(Handle h, long roomId, long beforeSeq, int limit) {
        List<Message> oldestFirst = new ArrayList<>(load(h, h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.seq < :before AND m.thread_root_seq IS NULL
                         ORDER BY m.seq DESC LIMIT :limit""")
                .bind("room", roomId).bind("before", beforeSeq).bind("limit", limit)));
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Messages with seq in [from, to], thread replies included, oldest first, at most {@code limit}. */
    List<Message> range(Handle h, long roomId, long fromSeq, long toSeq, int limit) {
        return load(h, h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.seq BETWEEN :from AND :to ORDER BY m.seq LIMIT :limit""")
                .bind("room", roomId).bind("from", fromSeq).bind("to", toSeq).bind("limit", limit));
    }

    /** The {@code limit} messages just before {@code beforeSeq}, oldest first. */
    List<Message> before(Handle h, long roomId, long beforeSeq, int limit) {
        List<Message> oldestFirst = new ArrayList<>(load(h, h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.seq < :before ORDER BY m.seq DESC LIMIT :limit""")
                .bind("room", roomId).bind("before", beforeSeq).bind("limit", limit)));
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Messages at or below {@code maxSeq} changed after {@code sinceRev}, oldest change first. */
    List<Message> changedSince(Handle h, long roomId, long maxSeq, long sinceRev, int limit) {
        return load(h, h.createQuery(SELECT + """
                         WHERE m.room_id = :room AND m.seq <= :maxSeq AND m.rev > :rev ORDER BY m.rev LIMIT :limit""")
                .bind("room", roomId).bind("maxSeq", maxSeq).bind("rev", sinceRev).bind("limit", limit));
    }

    /** The messages {@code query} selects (with {@link #SELECT_COLUMNS}), in its order, with their reactions and attachments. */
    private List<Message> load(Handle h, Query query) {
        Set<Long> withFiles = new java.util.HashSet<>();
        List<Message> rows = query.map((rs, ctx) -> {
            Message m = map(rs, ctx);
            if (rs.getBoolean("has_file")) withFiles.add(m.id());
            return m;
        }).list();
        return details.complete(h, rows, withFiles);
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
        long threadRoot = rs.getLong("thread_root_seq");
        Long root = rs.wasNull() ? null : threadRoot;
        int replies = rs.getInt("thread_reply_count");
        Message.Thread thread = replies == 0 ? null : new Message.Thread(replies, rs.getLong("thread_last_reply_at"),
                rs.getLong("thread_last_reply_seq"), repliers(rs.getString("thread_last_repliers")));
        return new Message(rs.getLong("id"), rs.getLong("room_id"), rs.getLong("seq"), rs.getLong("rev"),
                rs.getString("kind"), rs.getString("content"), sender, rs.getString("client_id"), reply,
                rs.getLong("created_at"), edited, deleted, List.of(), List.of(), mentionIds(rs.getString("mention_ids")),
                rs.getBoolean("mentions_room"), root, thread);
    }
}
