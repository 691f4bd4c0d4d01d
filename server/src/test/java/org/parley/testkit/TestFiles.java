package org.parley.testkit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * Files as uploads leave them, written straight into a test database: finished files (a name,
 * a sniffed type and kind, no preview yet), unfinished or expired uploads, and a preview becoming
 * ready. Ids look like real ones: 22 characters of base64url.
 */
public final class TestFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long DAY = 86_400_000L;

    private final TestDatabase database;

    public TestFiles(TestDatabase database) {
        this.database = database;
    }

    /** A finished PNG image of 64x48 pixels owned by {@code ownerId}. */
    public String image(long ownerId, String name) {
        return insert(ownerId, name, "image/png", "image", 64, 48, true, System.currentTimeMillis() + DAY);
    }

    /** A finished PDF document owned by {@code ownerId}. */
    public String document(long ownerId, String name) {
        return insert(ownerId, name, "application/pdf", "pdf", null, null, true, System.currentTimeMillis() + DAY);
    }

    /** An upload whose last byte has not arrived yet. */
    public String unfinished(long ownerId, String name) {
        return insert(ownerId, name, null, null, null, null, false, System.currentTimeMillis() + DAY);
    }

    /** An upload that was never finished and whose expiry has passed. */
    public String expired(long ownerId, String name) {
        return insert(ownerId, name, null, null, null, null, false, System.currentTimeMillis() - 1);
    }

    /** The file's preview is made: it has a thumbnail from now on. */
    public void previewReady(String fileId) {
        update("UPDATE files SET thumb_key = ?, preview_state = 'ready' WHERE id = ?", "thumbs/" + fileId, fileId);
    }

    /** When the file was marked deleted; null while it is not. */
    public Long deletedAt(String fileId) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT deleted_at FROM files WHERE id = ?")) {
            s.setString(1, fileId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("no file " + fileId);
                long at = rs.getLong(1);
                return rs.wasNull() ? null : at;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String insert(long ownerId, String name, String contentType, String kind, Integer width, Integer height,
                          boolean finished, long expiresAt) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = System.currentTimeMillis();
        update("""
                        INSERT INTO files (id, owner_id, name, size, claimed_type, content_type, kind, width, height,
                                           upload_offset, blob_key, created_at, completed_at, expires_at)
                        VALUES (?, ?, ?, 1234, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, ownerId, name, contentType, contentType, kind, width, height, finished ? 1234L : 0L,
                "blobs/" + id, now, finished ? now : null, expiresAt);
        return id;
    }

    private void update(String sql, Object... values) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) s.setObject(i + 1, values[i]);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(database.url());
        if (!database.isPostgres()) {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
        }
        return c;
    }
}
