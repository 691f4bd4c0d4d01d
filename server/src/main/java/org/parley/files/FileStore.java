package org.parley.files;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import org.jdbi.v3.core.Handle;

/** SQL for files and their links to messages. Used only inside this package. */
final class FileStore {
    FileStore() {}

    /** What deciding whether a file may be attached needs, with the attachment it would become. */
    record Attachable(long ownerId, boolean complete, boolean deleted, boolean attached, Long expiresAt,
                      Attachment attachment) {}

    Map<String, Attachable> attachable(Handle h, Collection<String> ids) {
        Map<String, Attachable> out = new HashMap<>();
        h.createQuery("""
                        SELECT f.id, f.owner_id, f.name, f.size, f.content_type, f.kind, f.width, f.height, f.thumb_key,
                               f.completed_at, f.expires_at, f.deleted_at, mf.file_id AS linked
                          FROM files f LEFT JOIN message_files mf ON mf.file_id = f.id
                         WHERE f.id IN (<ids>)""")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> new Attachable(rs.getLong("owner_id"), rs.getObject("completed_at") != null,
                        rs.getObject("deleted_at") != null, rs.getString("linked") != null,
                        Rows.longOrNull(rs, "expires_at"), attachment(rs)))
                .forEach(a -> out.put(a.attachment().id(), a));
        return out;
    }

    void link(Handle h, long roomId, long seq, List<String> ids) {
        var batch = h.prepareBatch("""
                INSERT INTO message_files (room_id, seq, position, file_id) VALUES (:room, :seq, :position, :file)""");
        for (int i = 0; i < ids.size(); i++) {
            batch.bind("room", roomId).bind("seq", seq).bind("position", i).bind("file", ids.get(i)).add();
        }
        batch.execute();
        h.createUpdate("UPDATE files SET expires_at = NULL WHERE id IN (<ids>)").bindList("ids", ids).execute();
    }

    Map<Long, List<Attachment>> attachmentsOf(Handle h, long roomId, Collection<Long> seqs) {
        Map<Long, List<Attachment>> out = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT mf.seq, f.id, f.name, f.size, f.content_type, f.kind, f.width, f.height, f.thumb_key
                          FROM message_files mf JOIN files f ON f.id = mf.file_id
                         WHERE mf.room_id = :room AND mf.seq IN (<seqs>) AND f.deleted_at IS NULL
                         ORDER BY mf.seq, mf.position""")
                .bind("room", roomId).bindList("seqs", List.copyOf(seqs))
                .map((rs, ctx) -> Map.entry(rs.getLong("seq"), attachment(rs)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    void markDeletedFor(Handle h, long roomId, long seq, long now) {
        h.createUpdate("""
                        UPDATE files SET deleted_at = :now
                         WHERE deleted_at IS NULL
                           AND id IN (SELECT file_id FROM message_files WHERE room_id = :room AND seq = :seq)""")
                .bind("now", now).bind("room", roomId).bind("seq", seq).execute();
    }

    private static Attachment attachment(java.sql.ResultSet rs) throws java.sql.SQLException {
        String id = rs.getString("id");
        return new Attachment(id, rs.getString("name"), rs.getLong("size"), rs.getString("content_type"),
                rs.getString("kind"), Rows.intOrNull(rs, "width"),
                Rows.intOrNull(rs, "height"), Attachment.contentUrl(id),
                rs.getString("thumb_key") == null ? null : Attachment.thumbnailUrl(id));
    }
}
