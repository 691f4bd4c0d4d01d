package org.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.limits.RateLimiter;
import org.parley.storage.Database;

/**
 * The rules of resumable uploads (tus): creating one within the size, quota, concurrency and
 * rate limits, appending at exactly the recorded offset, finishing it into a file, terminating it.
 * The offset lives in the database and moves only after the bytes are durable in the blob store,
 * so any node can resume an upload and the offset never claims bytes that are not stored. A
 * request that breaks off keeps what arrived. Another user's upload is {@code not_found}. Two
 * appends to one upload at once on this node: the second is refused with {@code conflict}; across
 * nodes the conditional offset update refuses the loser.
 */
public final class Uploads {
    private final Database db;
    private final UploadRows rows;
    private final BlobStore blobs;
    private final UploadLimits limits;
    private final RateLimiter creations;
    private final UploadCompletion completion;
    private final Clock clock;
    private final Set<String> writing = ConcurrentHashMap.newKeySet();

    public Uploads(Database db, BlobStore blobs, UploadLimits limits, UploadCompletion completion, Clock clock) {
        this.db = db;
        this.rows = new UploadRows(db.dialect());
        this.blobs = blobs;
        this.limits = limits;
        this.creations = new RateLimiter(limits.perMinute(), limits.perMinute(), java.time.Duration.ofMinutes(1), clock);
        this.completion = completion;
        this.clock = clock;
    }

    public long maxBytes() {
        return limits.maxBytes();
    }

    /** Creates an upload of {@code length} bytes named {@code name}; a body given with it is appended at once. */
    public UploadState create(long userId, Long length, String name, String claimedType) {
        if (length == null) throw ParleyException.invalid("Upload-Length", "Upload-Length is required.");
        if (length <= 0) throw ParleyException.invalid("Upload-Length", "Empty files cannot be uploaded.");
        if (length > limits.maxBytes()) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "Files can be at most " + limits.maxBytes() + " bytes.");
        }
        String valid = FileNames.validate(name);
        String claimed = claimedType == null || claimedType.length() > 255 ? null : claimedType;
        creations.acquire("user:" + userId).ifPresent(wait -> {
            throw ParleyException.rateLimited("Too many uploads started; wait a moment.", wait);
        });
        long now = clock.millis();
        long expires = now + limits.expiry().toMillis();
        String id = FileIds.next();
        db.inTransaction(h -> {
            rows.lockOwner(h, userId);
            if (rows.unfinished(h, userId, now) >= limits.concurrentPerUser()) {
                throw ParleyException.rateLimited("At most " + limits.concurrentPerUser()
                        + " uploads can be unfinished at once.", java.time.Duration.ofSeconds(5));
            }
            if (rows.bytesHeld(h, userId) + length > limits.quotaBytes()) {
                throw new ParleyException(ErrorCode.QUOTA_EXCEEDED, "Your files would take more than your quota of "
                        + limits.quotaBytes() + " bytes.");
            }
            rows.insert(h, id, userId, valid, length, claimed, now, expires);
            return null;
        });
        return new UploadState(id, length, 0, expires);
    }

    /** Where the user's upload stands (tus HEAD). */
    public UploadState status(long userId, String id) {
        UploadRow row = own(userId, id);
        if (!row.complete() && row.expired(clock.millis())) throw gone();
        return new UploadState(row.id(), row.size(), row.offset(), row.complete() ? null : row.expiresAt());
    }

    /**
     * Appends {@code body} at {@code offset} (tus PATCH). {@code contentLength} is -1 when unknown;
     * {@code checksum} is the Upload-Checksum header or null.
     */
    public UploadState append(long userId, String id, long offset, InputStream body, long contentLength, String checksum) {
        MessageDigest digest = null;
        byte[] expected = null;
        if (checksum != null) {
            String[] parts = checksum.strip().split(" ", 2);
            if (parts.length != 2 || !parts[0].equalsIgnoreCase("sha1")) {
                throw ParleyException.invalid("Upload-Checksum", "Only sha1 checksums are supported.");
            }
            try {
                expected = java.util.Base64.getDecoder().decode(parts[1].strip());
                digest = MessageDigest.getInstance("SHA-1");
            } catch (IllegalArgumentException e) {
                throw ParleyException.invalid("Upload-Checksum", "The checksum is not base64.");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        UploadRow row = own(userId, id);
        if (row.complete()) throw new ParleyException(ErrorCode.CONFLICT, "This upload is already complete.");
        if (row.expired(clock.millis())) throw gone();
        if (row.offset() != offset) {
            throw new ParleyException(ErrorCode.CONFLICT, "Upload-Offset is " + offset + " but the upload is at "
                    + row.offset() + ".");
        }
        long room = row.size() - offset;
        if (contentLength > room) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "The bytes go beyond Upload-Length (" + row.size() + ").");
        }
        if (!writing.add(id)) throw new ParleyException(ErrorCode.CONFLICT, "Another request is writing this upload.");
        try {
            BlobStore.Appended a = write(row, offset, body, room, digest);
            if (a.overflow()) {
                throw new ParleyException(ErrorCode.TOO_LARGE, "The bytes go beyond Upload-Length (" + row.size() + ").");
            }
            if (digest != null && (a.interrupted() || !Arrays.equals(digest.digest(), expected))) {
                truncate(row, offset); // bytes that cannot be verified are not kept
                if (a.interrupted()) return new UploadState(id, row.size(), offset, row.expiresAt());
                throw new ParleyException(ErrorCode.CHECKSUM_MISMATCH, "The bytes do not match Upload-Checksum.");
            }
            long to = offset + a.bytes();
            if (a.bytes() > 0 && !db.inTransaction(h -> rows.advance(h, id, offset, to))) {
                throw new ParleyException(ErrorCode.CONFLICT, "Another request moved this upload's offset.");
            }
            if (to == row.size()) {
                Long expires = completion.finish(row);
                return new UploadState(id, row.size(), to, expires);
            }
            return new UploadState(id, row.size(), to, row.expiresAt());
        } finally {
            writing.remove(id);
        }
    }

    /** Removes the user's upload and its bytes (tus DELETE); a file attached to a message stays. */
    public void terminate(long userId, String id) {
        UploadRow row = own(userId, id);
        if (row.attached()) {
            throw new ParleyException(ErrorCode.CONFLICT, "This file is attached to a message; delete the message instead.");
        }
        if (!db.inTransaction(h -> rows.deleteUnattached(h, id))) throw notFound();
        try {
            blobs.delete(row.blobKey());
            completion.discardPreview(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlobStore.Appended write(UploadRow row, long offset, InputStream body, long room, MessageDigest digest) {
        try {
            return blobs.append(row.blobKey(), offset, body, room, digest);
        } catch (StorageFullException e) {
            throw new ParleyException(ErrorCode.STORAGE_FULL, "The file store is full; nothing of this request was kept.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void truncate(UploadRow row, long offset) {
        try {
            blobs.truncate(row.blobKey(), offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UploadRow own(long userId, String id) {
        if (!FileIds.wellFormed(id)) throw notFound();
        UploadRow row = db.withHandle(h -> rows.find(h, id)).orElseThrow(Uploads::notFound);
        if (row.ownerId() != userId || row.deletedAt() != null) throw notFound();
        return row;
    }

    private static ParleyException notFound() {
        return new ParleyException(ErrorCode.NOT_FOUND, "No such upload.");
    }

    private static ParleyException gone() {
        return new ParleyException(ErrorCode.GONE, "This upload expired; start a new one.");
    }
}
