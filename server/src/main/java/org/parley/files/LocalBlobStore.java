package org.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Blobs as files under one directory: unfinished ones in {@code partial/}, finished ones in
 * {@code blobs/}. Completing a blob renames it from one to the other, and {@link #put} writes a
 * temporary name in {@code partial/} and renames it, so a finished name only ever holds whole
 * bytes. Directories are 0700 and files 0600 (owner only). Every append is forced to disk before
 * it returns, so the offset the caller records next is never ahead of the bytes. A full disk
 * surfaces as {@link StorageFullException} with the partial bytes of the call removed.
 */
public final class LocalBlobStore implements BlobStore {
    private static final int CHUNK = 64 * 1024;
    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path partial;
    private final Path finished;

    public LocalBlobStore(Path dir) {
        this.partial = dir.resolve("partial");
        this.finished = dir.resolve("blobs");
        try {
            ownerOnlyDirectory(dir);
            ownerOnlyDirectory(partial);
            ownerOnlyDirectory(finished);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the files directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Appended append(String key, long offset, InputStream in, long max, MessageDigest digest) throws IOException {
        Path file = partial.resolve(checked(key));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ownerOnlyFile(file);
            if (ch.size() < offset) throw new IOException("Unfinished blob " + key + " is shorter than its offset " + offset);
            ch.truncate(offset);
            ch.position(offset);
            byte[] buf = new byte[CHUNK];
            long written = 0;
            boolean interrupted = false;
            try {
                while (true) {
                    int n;
                    try {
                        n = in.read(buf, 0, (int) Math.min(buf.length, Math.max(1, max - written)));
                    } catch (IOException e) {
                        interrupted = true;
                        break;
                    }
                    if (n < 0) break;
                    if (written + n > max) {
                        ch.truncate(offset);
                        return new Appended(0, true, false);
                    }
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) ch.write(bb);
                    if (digest != null) digest.update(buf, 0, n);
                    written += n;
                }
                ch.force(false);
            } catch (IOException e) {
                ch.truncate(offset);
                throw translate(e);
            }
            return new Appended(written, false, interrupted);
        }
    }

    @Override
    public void truncate(String key, long length) throws IOException {
        Path file = partial.resolve(checked(key));
        if (!Files.exists(file)) return;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
            ch.force(false);
        }
    }

    @Override
    public void complete(String key) throws IOException {
        Path from = partial.resolve(checked(key));
        if (!Files.exists(from)) Files.createFile(from);
        ownerOnlyFile(from);
        Files.move(from, finished.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public InputStream read(String key, long from, long length) throws IOException {
        FileChannel ch = FileChannel.open(finished.resolve(checked(key)), StandardOpenOption.READ);
        ch.position(from);
        return new BoundedInputStream(Channels.newInputStream(ch), length);
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(partial, checked(key), ".tmp");
        try {
            ownerOnlyFile(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bb = ByteBuffer.wrap(bytes);
                while (bb.hasRemaining()) ch.write(bb);
                ch.force(false);
            }
            Files.move(tmp, finished.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw translate(e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(partial.resolve(checked(key)));
        Files.deleteIfExists(finished.resolve(key));
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(finished.resolve(checked(key)));
    }

    private static String checked(String key) {
        if (!key.matches("[A-Za-z0-9_-]+(\\.[a-z0-9]+)*")) throw new IllegalArgumentException("Bad blob key " + key);
        return key;
    }

    private static IOException translate(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left") || m.contains("Disk quota exceeded")
                || (e instanceof FileSystemException f && String.valueOf(f.getReason()).contains("No space left"))) {
            return new StorageFullException("The file store is full.", e);
        }
        return e;
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static void ownerOnlyFile(Path file) throws IOException {
        if (POSIX) Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
    }
}
