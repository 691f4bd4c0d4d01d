package org.parley.files;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.storage.Dialect;

/** SQL for uploads: the tus state of a files row, kept in the database so any node can resume it. */
final class UploadRows {
    private final Dialect dialect;

    UploadRows(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Serializes one user's quota and concurrency checks on PostgreSQL (SQLite writers are serial already). */
    void lockOwner(Handle h, long ownerId) {
        if (dialect == Dialect.POSTGRES) {
            h.createQuery("SELECT id FROM users WHERE id = :id FOR UPDATE").bind("id", ownerId).mapTo(Long.class).findOne();
        }
    }

    void insert(Handle h, String id, long ownerId, String name, long size, String claimedType, long now, long expiresAt) {
        h.createUpdate("""
                        INSERT INTO files (id, owner_id, name, size, claimed_type, upload_offset, blob_key, created_at, expires_at)
                        VALUES (:id, :owner, :name, :size, :claimed, 0, :id, :now, :expires)""")
                .bind("id", id).bind("owner", ownerId).bind("name", name).bind("size", size)
                .bind("claimed", claimedType).bind("now", now).bind("expires", expiresAt).execute();
    }

    Optional<UploadRow> find(Handle h, String id) {
        return h.createQuery("""
                        SELECT f.id, f.owner_id, f.name, f.size, f.claimed_type, f.upload_offset, f.blob_key,
                               f.completed_at, f.expires_at, f.deleted_at,
                               EXISTS (SELECT 1 FROM message_files mf WHERE mf.file_id = f.id) AS attached
                          FROM files f WHERE f.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new UploadRow(rs.getString("id"), rs.getLong("owner_id"), rs.getString("name"),
                        rs.getLong("size"), rs.getString("claimed_type"), rs.getLong("upload_offset"),
                        rs.getString("blob_key"), Rows.longOrNull(rs, "completed_at"),
                        Rows.longOrNull(rs, "expires_at"), Rows.longOrNull(rs, "deleted_at"),
                        rs.getBoolean("attached")))
                .findOne();
    }

    /** Bytes the user's files take or will take: every file not deleted, unfinished ones at their full length. */
    long bytesHeld(Handle h, long ownerId) {
        return h.createQuery("SELECT COALESCE(SUM(size), 0) FROM files WHERE owner_id = :owner AND deleted_at IS NULL")
                .bind("owner", ownerId).mapTo(Long.class).one();
    }

    int unfinished(Handle h, long ownerId, long now) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM files
                         WHERE owner_id = :owner AND completed_at IS NULL AND deleted_at IS NULL AND expires_at > :now""")
                .bind("owner", ownerId).bind("now", now).mapTo(Integer.class).one();
    }

    /** Moves the offset from {@code from} to {@code to}; false when another request moved it first. */
    boolean advance(Handle h, String id, long from, long to) {
        return h.createUpdate("""
                        UPDATE files SET upload_offset = :to
                         WHERE id = :id AND upload_offset = :from AND completed_at IS NULL""")
                .bind("id", id).bind("from", from).bind("to", to).execute() == 1;
    }

    /** The last byte arrived: the row becomes a file with what sniffing found; it expires unless attached. */
    void complete(Handle h, String id, String blobKey, Sniffed s, long now, long expiresAt) {
        h.createUpdate("""
                        UPDATE files SET completed_at = :now, expires_at = :expires, content_type = :type, kind = :kind,
                               width = :width, height = :height, preview_state = :preview, blob_key = :blob
                         WHERE id = :id AND completed_at IS NULL""")
                .bind("id", id).bind("blob", blobKey).bind("now", now).bind("expires", expiresAt).bind("type", s.contentType())
                .bind("kind", s.kind()).bind("width", s.width()).bind("height", s.height())
                .bind("preview", s.previewState()).execute();
    }

    /** Removes a row no message holds; false when it is attached or gone. */
    boolean deleteUnattached(Handle h, String id) {
        return h.createUpdate("""
                        DELETE FROM files WHERE id = :id
                           AND NOT EXISTS (SELECT 1 FROM message_files mf WHERE mf.file_id = files.id)""")
                .bind("id", id).execute() == 1;
    }
}
