package org.parley.files;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a minute: deletes expired uploads (unfinished ones past their expiry, finished ones no
 * message took up within it) with their bytes, and purges the bytes of files deleted longer ago
 * than the grace. Every step is idempotent and conditional in SQL (a row is deleted only while
 * it is still expired and unattached; a purge is recorded in {@code purged_at}), so several
 * nodes may sweep at once and a sweep cut short is finished by the next. A row is removed before
 * its bytes, so no row ever points at missing bytes; bytes whose removal failed are retried
 * (purges) or left as orphans of a deleted row (expired uploads; harmless, logged).
 */
public final class FileSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileSweeper.class);
    private static final int BATCH = 500;

    private final Database db;
    private final BlobStore blobs;
    private final Duration deleteGrace;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public FileSweeper(Database db, BlobStore blobs, Duration deleteGrace, Clock clock) {
        this.db = db;
        this.blobs = blobs;
        this.deleteGrace = deleteGrace;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-file-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    public FileSweeper start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("File sweep failed; the next one retries", e);
            }
        }, 1, 1, TimeUnit.MINUTES);
        return this;
    }

    /** One sweep; returns how many rows it deleted plus how many files it purged. */
    public int sweep() {
        long now = clock.millis();
        return deleteExpired(now) + purgeDeleted(now - deleteGrace.toMillis());
    }

    private int deleteExpired(long now) {
        List<String[]> expired = db.withHandle(h -> h.createQuery("""
                        SELECT id, blob_key, thumb_key FROM files
                         WHERE expires_at IS NOT NULL AND expires_at <= :now AND deleted_at IS NULL
                         LIMIT :batch""")
                .bind("now", now).bind("batch", BATCH)
                .map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("blob_key"), rs.getString("thumb_key")})
                .list());
        int n = 0;
        for (String[] f : expired) {
            boolean deleted = db.inTransaction(h -> h.createUpdate("""
                            DELETE FROM files WHERE id = :id AND expires_at IS NOT NULL AND expires_at <= :now
                               AND deleted_at IS NULL
                               AND NOT EXISTS (SELECT 1 FROM message_files mf WHERE mf.file_id = files.id)""")
                    .bind("id", f[0]).bind("now", now).execute() == 1);
            if (!deleted) continue;
            n++;
            removeBytes(f[1], f[2]);
        }
        return n;
    }

    private int purgeDeleted(long deletedBefore) {
        List<String[]> due = db.withHandle(h -> h.createQuery("""
                        SELECT id, blob_key, thumb_key FROM files
                         WHERE deleted_at IS NOT NULL AND deleted_at <= :before AND purged_at IS NULL
                         LIMIT :batch""")
                .bind("before", deletedBefore).bind("batch", BATCH)
                .map((rs, ctx) -> new String[] {rs.getString("id"), rs.getString("blob_key"), rs.getString("thumb_key")})
                .list());
        int n = 0;
        for (String[] f : due) {
            if (!removeBytes(f[1], f[2])) continue;
            long now = clock.millis();
            db.inTransaction(h -> h.createUpdate("""
                            UPDATE files SET purged_at = :now, thumb_key = NULL WHERE id = :id AND purged_at IS NULL""")
                    .bind("now", now).bind("id", f[0]).execute());
            n++;
        }
        return n;
    }

    private boolean removeBytes(String blobKey, String thumbKey) {
        try {
            blobs.delete(blobKey);
            if (thumbKey != null) blobs.delete(thumbKey);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot remove the bytes of blob {}: {}", blobKey, e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
