package org.parley.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps Parley's data private to the account it runs as: directories it creates are 0700 and its
 * files 0600, whatever the umask. Existing files are tightened, so an installation made by an
 * earlier, laxer version is fixed at its next start; existing directories are left as they are,
 * since a configured path may be a shared parent such as {@code /var/lib}. On file systems
 * without POSIX permissions nothing is changed.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /** Creates {@code dir} owner-only (missing parents with the default permissions) unless it exists. */
    public static void directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Files.createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            restrict(dir, DIRECTORY); // the umask may have taken bits away, never added: set exactly
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // created at the same moment by another part of the node
        }
    }

    /** Makes {@code file} owner-only if it exists. */
    public static void file(Path file) throws IOException {
        if (Files.exists(file)) restrict(file, FILE);
    }

    /** Creates {@code file} empty and owner-only unless it exists, then makes it owner-only. */
    public static void createFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile; tightened below
            }
        }
        restrict(file, FILE);
    }

    private static void restrict(Path p, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(p, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
