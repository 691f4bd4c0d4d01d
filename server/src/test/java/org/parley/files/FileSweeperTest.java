package org.parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.config.ParleyConfig;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.storage.Database;

/** The sweeper and the upload rules that need a clock or a failing store, on SQLite with a local store. */
class FileSweeperTest {
    private final Path dir = Files.createTempDirectory("parley-sweep-");
    private final Database db = Database.open(new ParleyConfig.Database("jdbc:sqlite:" + dir.resolve("p.db"), "", "", 2));
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final LocalBlobStore blobs = new LocalBlobStore(dir.resolve("files"));
    private final Previews previews = new Previews(db, blobs, 1, 50_000_000);
    private final long userId;

    FileSweeperTest() throws IOException {
        userId = db.inTransaction(h -> h.createUpdate("""
                        INSERT INTO users (username, email, display_name, password_hash, created_at, updated_at)
                        VALUES ('sweep', 'sweep@example.com', 'Sweep', 'x', 0, 0)""")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @AfterEach
    void close() {
        previews.close();
        db.close();
    }

    private Uploads uploads(BlobStore store) {
        UploadLimits limits = new UploadLimits(1_000_000, 10_000_000, 4, 100, Duration.ofHours(1));
        return new Uploads(db, store, limits, new UploadCompletion(db, store, 50_000_000, previews,
                Duration.ofHours(1), false, clock), clock);
    }

    private boolean exists(String id) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM files WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).one()) == 1;
    }

    @Test
    void expiredUploadsAndUnattachedFilesAreSweptWithTheirBytes() {
        Uploads u = uploads(blobs);
        UploadState unfinished = u.create(userId, 10L, "half.bin", null);
        u.append(userId, unfinished.id(), 0, new ByteArrayInputStream(new byte[5]), 5, null);
        UploadState done = u.create(userId, 3L, "done.txt", null);
        u.append(userId, done.id(), 0, new ByteArrayInputStream("abc".getBytes()), 3, null);
        FileSweeper sweeper = new FileSweeper(db, blobs, Duration.ofHours(24), clock);
        assertThat(sweeper.sweep()).isZero();
        now.addAndGet(Duration.ofHours(1).toMillis() + 1);
        assertThat(sweeper.sweep()).isEqualTo(2);
        assertThat(exists(unfinished.id())).isFalse();
        assertThat(exists(done.id())).isFalse();
        assertThat(Files.exists(dir.resolve("files/partial/" + unfinished.id()))).isFalse();
        assertThat(Files.exists(dir.resolve("files/blobs/" + done.id()))).isFalse();
        assertThat(sweeper.sweep()).as("idempotent").isZero();
    }

    @Test
    void deletedFilesArePurgedAfterTheGrace() {
        Uploads u = uploads(blobs);
        UploadState f = u.create(userId, 3L, "gone.txt", null);
        u.append(userId, f.id(), 0, new ByteArrayInputStream("abc".getBytes()), 3, null);
        db.inTransaction(h -> h.execute("UPDATE files SET expires_at = NULL, deleted_at = ? WHERE id = ?", now.get(), f.id()));
        FileSweeper sweeper = new FileSweeper(db, blobs, Duration.ofHours(24), clock);
        now.addAndGet(Duration.ofHours(23).toMillis());
        assertThat(sweeper.sweep()).isZero();
        assertThat(Files.exists(dir.resolve("files/blobs/" + f.id()))).isTrue();
        now.addAndGet(Duration.ofHours(2).toMillis());
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("files/blobs/" + f.id()))).isFalse();
        assertThat(exists(f.id())).as("the row stays, marked purged").isTrue();
        assertThat(sweeper.sweep()).isZero();
    }

    @Test
    void aFullStoreIsReportedAndKeepsNothing() {
        BlobStore full = new BlobStore() {
            @Override
            public Appended append(String key, long offset, InputStream in, long max, MessageDigest digest)
                    throws IOException {
                throw new StorageFullException("full", null);
            }

            @Override
            public void truncate(String key, long length) {}

            @Override
            public void complete(String key) {}

            @Override
            public InputStream read(String key, long from, long length) {
                return InputStream.nullInputStream();
            }

            @Override
            public long size(String key) {
                return 0;
            }

            @Override
            public void put(String key, byte[] bytes) {}

            @Override
            public void delete(String key) {}
        };
        Uploads u = uploads(full);
        UploadState s = u.create(userId, 4L, "f.bin", null);
        assertThatThrownBy(() -> u.append(userId, s.id(), 0, new ByteArrayInputStream(new byte[4]), 4, null))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FULL));
        assertThat(u.status(userId, s.id()).offset()).isZero();
        assertThat(ErrorCode.STORAGE_FULL.httpStatus()).isEqualTo(507);
    }

    @Test
    void localBlobsAreOwnerOnly() throws IOException {
        String key = FileIds.next();
        blobs.append(key, 0, new ByteArrayInputStream(new byte[10]), 10, null);
        assertThat(Files.getPosixFilePermissions(dir.resolve("files/partial/" + key)))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("files/blobs")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        blobs.complete(key);
        assertThat(blobs.size(key)).isEqualTo(10);
    }
}
