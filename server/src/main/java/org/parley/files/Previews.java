package org.parley.files;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes previews off the request threads: a fixed pool of {@code workers} threads with a bounded
 * queue. A file whose preview cannot be queued (the queue is full) or made (truncated, corrupt,
 * unsupported) gets preview state {@code failed} and no thumbnail; nothing here ever fails a
 * request. A stored preview sets {@code thumb_key} and state {@code ready}, then tells every
 * {@link PreviewListener}.
 */
public final class Previews implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Previews.class);
    private static final int QUEUE = 1000;

    private final Database db;
    private final BlobStore blobs;
    private final PreviewMaker maker;
    private final ThreadPoolExecutor pool;
    private final List<PreviewListener> listeners = new CopyOnWriteArrayList<>();

    public Previews(Database db, BlobStore blobs, int workers, long maxPixels) {
        this.db = db;
        this.blobs = blobs;
        this.maker = new PreviewMaker(maxPixels);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "parley-preview-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                });
    }

    /** Registers a listener told of every preview stored from now on. */
    public void listen(PreviewListener listener) {
        listeners.add(listener);
    }

    void submit(String fileId) {
        try {
            pool.execute(() -> make(fileId));
        } catch (RejectedExecutionException e) {
            setState(fileId, "failed", null);
        }
    }

    private void make(String fileId) {
        try {
            Optional<Source> source = db.withHandle(h -> h.createQuery(
                            "SELECT blob_key, content_type, size FROM files WHERE id = :id AND deleted_at IS NULL")
                    .bind("id", fileId)
                    .map((rs, ctx) -> new Source(rs.getString("blob_key"), rs.getString("content_type"), rs.getLong("size")))
                    .findOne());
            if (source.isEmpty()) return;
            Source s = source.get();
            Optional<PreviewMaker.Preview> preview = maker.make(blobs, s.blobKey(), s.contentType(), s.size());
            if (preview.isEmpty()) {
                setState(fileId, "failed", null);
                return;
            }
            String key = FileIds.thumbnailKey(fileId, preview.get().format());
            blobs.put(key, preview.get().bytes());
            setState(fileId, "ready", key);
            for (PreviewListener l : listeners) {
                try {
                    l.previewReady(fileId);
                } catch (RuntimeException e) {
                    log.warn("A preview listener failed for file {}", fileId, e);
                }
            }
        } catch (Exception | OutOfMemoryError e) {
            log.warn("No preview for file {}: {}", fileId, e.toString());
            setState(fileId, "failed", null);
        }
    }

    private void setState(String fileId, String state, String thumbKey) {
        try {
            db.inTransaction(h -> h.createUpdate("UPDATE files SET preview_state = :state, thumb_key = :thumb WHERE id = :id")
                    .bind("state", state).bind("thumb", thumbKey).bind("id", fileId).execute());
        } catch (RuntimeException e) {
            log.warn("Cannot record the preview state of file {}", fileId, e);
        }
    }

    /** Waits until every queued preview is made; for tests and benchmarks. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (pool.getQueue().isEmpty() && pool.getActiveCount() == 0) return true;
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private record Source(String blobKey, String contentType, long size) {}
}
