package org.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Where the bytes of files live. A blob is first <em>unfinished</em>: it grows by {@link #append}
 * calls, each starting at the length the caller recorded (bytes a failed call left beyond it are
 * dropped first). {@link #complete} makes it a <em>finished</em> blob that {@link #read} serves;
 * an unfinished blob is never served, so nothing half-written can be. Small derived blobs
 * (thumbnails) are written whole with {@link #put}, which also never exposes a partial write.
 * Keys are file ids and suffixes of them: base64url, safe in paths and object names.
 */
public interface BlobStore extends AutoCloseable {

    /** What one append stored: its length; whether the input held more than allowed; whether it broke off. */
    record Appended(long bytes, boolean overflow, boolean interrupted) {}

    /**
     * Appends what {@code in} holds to the unfinished blob {@code key}, which holds {@code offset}
     * bytes afterwards plus what was appended, at most {@code max}. When {@code in} holds more than
     * {@code max}, nothing of this call is kept and {@code overflow} is set. When reading {@code in}
     * fails (the client went away), what arrived is kept and {@code interrupted} is set. Every byte
     * kept is also given to {@code digest} when it is not null. The bytes are durable on return.
     *
     * @throws StorageFullException when the store has no room; nothing of this call is kept
     */
    Appended append(String key, long offset, InputStream in, long max, MessageDigest digest) throws IOException;

    /** Drops the bytes of the unfinished blob beyond {@code length} (a refused append). */
    void truncate(String key, long length) throws IOException;

    /** Turns the unfinished blob into a finished one of the same bytes. */
    void complete(String key) throws IOException;

    /** {@code length} bytes of the finished blob from {@code from}. */
    InputStream read(String key, long from, long length) throws IOException;

    /** The length of the finished blob. */
    long size(String key) throws IOException;

    /** Stores a small finished blob whole. */
    void put(String key, byte[] bytes) throws IOException;

    /** Removes the blob, finished or not; a missing blob is no error. */
    void delete(String key) throws IOException;

    @Override
    default void close() {}
}
