package org.parley.files;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL that reads files for serving and listing. Listing a room's files joins {@code messages}
 * (for the sender, time and whether the message is deleted): reading that table here is the one
 * place files look at messages, and only in SQL, so the files package still imports nothing of
 * the messages feature.
 */
final class FileReads {

    Optional<FileRow> find(Handle h, String id) {
        return h.createQuery("""
                        SELECT f.id, f.owner_id, f.name, f.size, f.content_type, f.kind, f.width, f.height, f.blob_key,
                               f.thumb_key, f.created_at, f.completed_at, f.deleted_at, mf.room_id,
                               CASE WHEN m.id IS NOT NULL AND m.deleted_at IS NULL THEN 1 ELSE 0 END AS live
                          FROM files f
                          LEFT JOIN message_files mf ON mf.file_id = f.id
                          LEFT JOIN messages m ON m.room_id = mf.room_id AND m.seq = mf.seq
                         WHERE f.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new FileRow(rs.getString("id"), rs.getLong("owner_id"), rs.getString("name"),
                        rs.getLong("size"), rs.getString("content_type"), rs.getString("kind"),
                        Rows.intOrNull(rs, "width"), Rows.intOrNull(rs, "height"),
                        rs.getString("blob_key"), rs.getString("thumb_key"), rs.getLong("created_at"),
                        Rows.longOrNull(rs, "completed_at"), Rows.longOrNull(rs, "deleted_at"),
                        Rows.longOrNull(rs, "room_id"), rs.getInt("live") == 1))
                .findOne();
    }

    /**
     * Files of live messages in the room, newest message first, at most {@code limit} rows plus the
     * rest of the last message's files (so paging by seq never splits a message).
     */
    List<RoomFile> inRoom(Handle h, long roomId, Long beforeSeq, int limit) {
        List<RoomFile> rows = h.createQuery("""
                        SELECT f.id, f.name, f.size, f.content_type, f.kind, f.width, f.height, f.thumb_key, f.created_at,
                               mf.room_id, mf.seq, m.created_at AS sent_at, u.id AS sender_id, u.username, u.display_name
                          FROM message_files mf
                          JOIN files f ON f.id = mf.file_id
                          JOIN messages m ON m.room_id = mf.room_id AND m.seq = mf.seq
                          LEFT JOIN users u ON u.id = m.sender_id
                         WHERE mf.room_id = :room AND mf.seq < :before AND m.deleted_at IS NULL AND f.deleted_at IS NULL
                         ORDER BY mf.seq DESC, mf.position
                         LIMIT :limit""")
                .bind("room", roomId).bind("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
                .bind("limit", limit + Attachments.MAX_PER_MESSAGE)
                .map((rs, ctx) -> {
                    String id = rs.getString("id");
                    Long senderId = Rows.longOrNull(rs, "sender_id");
                    return new RoomFile(id, rs.getString("name"), rs.getLong("size"), rs.getString("content_type"),
                            rs.getString("kind"), Rows.intOrNull(rs, "width"),
                            Rows.intOrNull(rs, "height"), Attachment.contentUrl(id),
                            rs.getString("thumb_key") == null ? null : Attachment.thumbnailUrl(id),
                            rs.getLong("created_at"), rs.getLong("room_id"), rs.getLong("seq"),
                            senderId == null ? null : new org.parley.users.PublicUser(senderId, rs.getString("username"),
                                    rs.getString("display_name")),
                            rs.getLong("sent_at"));
                })
                .list();
        if (rows.size() <= limit) return rows;
        long lastSeq = rows.get(limit - 1).seq();
        int end = limit;
        while (end < rows.size() && rows.get(end).seq() == lastSeq) end++;
        return rows.subList(0, end);
    }
}
