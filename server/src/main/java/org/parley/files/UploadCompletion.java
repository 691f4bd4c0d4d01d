package org.parley.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.parley.storage.Database;

/**
 * Turns an upload whose last byte is stored into a file: the blob becomes finished (servable),
 * the bytes are sniffed, the row gets its content type, kind, image size and a fresh expiry
 * (a file that no message takes up within it is swept), and a preview is queued when one can
 * exist. The row is marked complete only after the blob is finished, so a complete row always
 * has whole bytes behind it.
 */
public final class UploadCompletion {
    private final Database db;
    private final UploadRows rows;
    private final BlobStore blobs;
    private final ContentSniffer sniffer;
    private final Previews previews;
    private final Duration expiry;
    private final Clock clock;

    public UploadCompletion(Database db, BlobStore blobs, long previewMaxPixels, Previews previews, Duration expiry,
                            Clock clock) {
        this.db = db;
        this.rows = new UploadRows(db.dialect());
        this.blobs = blobs;
        this.sniffer = new ContentSniffer(previewMaxPixels);
        this.previews = previews;
        this.expiry = expiry;
        this.clock = clock;
    }

    /** Finishes the upload; returns the file's new expiry. */
    Long finish(UploadRow row) {
        Sniffed s;
        try {
            blobs.complete(row.blobKey());
            s = sniffer.sniff(blobs, row.blobKey(), row.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long now = clock.millis();
        long expires = now + expiry.toMillis();
        db.inTransaction(h -> {
            rows.complete(h, row.id(), s, now, expires);
            return null;
        });
        if ("pending".equals(s.previewState())) previews.submit(row.id());
        return expires;
    }

    /** Removes a terminated file's preview bytes, if any were made. */
    void discardPreview(String id) throws IOException {
        blobs.delete(FileIds.thumbnailKey(id, "jpg"));
        blobs.delete(FileIds.thumbnailKey(id, "png"));
    }
}
