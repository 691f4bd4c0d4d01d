package org.parley.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.parley.storage.Database;

/**
 * Turns an upload whose last byte is stored into a file: the blob becomes finished (servable),
 * the bytes are sniffed, the row gets its content type, kind, image size and a fresh expiry
 * (a file that no message takes up within it is swept), and a preview is queued when one can
 * exist. The row is marked complete only after the blob is finished, so a complete row always
 * has whole bytes behind it. With {@code stripGps}, a JPEG whose EXIF holds a GPS position is
 * copied once, streaming, into a blob without it ({@link ExifGps}), which becomes the file's bytes
 * before anyone can read them; the original blob is then removed.
 */
public final class UploadCompletion {
    private final Database db;
    private final UploadRows rows;
    private final BlobStore blobs;
    private final ContentSniffer sniffer;
    private final Previews previews;
    private final Duration expiry;
    private final boolean stripGps;
    private final Clock clock;

    public UploadCompletion(Database db, BlobStore blobs, long previewMaxPixels, Previews previews, Duration expiry,
                            boolean stripGps, Clock clock) {
        this.db = db;
        this.rows = new UploadRows(db.dialect());
        this.blobs = blobs;
        this.sniffer = new ContentSniffer(previewMaxPixels);
        this.previews = previews;
        this.expiry = expiry;
        this.stripGps = stripGps;
        this.clock = clock;
    }

    /** Finishes the upload; returns the file's new expiry. */
    Long finish(UploadRow row) {
        Sniffed s;
        String blobKey = row.blobKey();
        try {
            blobs.complete(blobKey);
            s = sniffer.sniff(blobs, blobKey, row.size());
            if (stripGps && "image/jpeg".equals(s.contentType())) blobKey = withoutGps(blobKey, row.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long now = clock.millis();
        long expires = now + expiry.toMillis();
        String finalKey = blobKey;
        db.inTransaction(h -> {
            rows.complete(h, row.id(), finalKey, s, now, expires);
            return null;
        });
        if (!finalKey.equals(row.blobKey())) {
            try {
                blobs.delete(row.blobKey());
            } catch (IOException e) {
                // the row no longer names it; an orphan costs space, not correctness
            }
        }
        if ("pending".equals(s.previewState())) previews.submit(row.id());
        return expires;
    }

    /** The key of a copy of the JPEG without its GPS position, or {@code key} when it has none. */
    private String withoutGps(String key, long size) throws IOException {
        byte[] prefix;
        try (InputStream in = blobs.read(key, 0, Math.min(size, ContentSniffer.PREFIX))) {
            prefix = in.readAllBytes();
        }
        if (!ExifGps.strip(prefix)) return key;
        String clean = key + ".clean";
        try (InputStream rest = blobs.read(key, prefix.length, size - prefix.length);
             InputStream all = new SequenceInputStream(new ByteArrayInputStream(prefix), rest)) {
            BlobStore.Appended a = blobs.append(clean, 0, all, size, null);
            if (a.bytes() != size || a.interrupted()) throw new IOException("Copy without GPS of " + key + " is short");
        }
        blobs.complete(clean);
        return clean;
    }

    /** Removes a terminated file's preview bytes, if any were made. */
    void discardPreview(String id) throws IOException {
        blobs.delete(FileIds.thumbnailKey(id, "jpg"));
        blobs.delete(FileIds.thumbnailKey(id, "png"));
    }
}
