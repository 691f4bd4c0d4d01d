package org.parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A full disk under the local store: a 1 MiB tmpfs, mounted only where the test runs as root and
 * mounting is allowed (skipped elsewhere). The append fails as {@link StorageFullException} and
 * leaves the unfinished blob at its old length.
 */
class LocalBlobStoreFullDiskTest {

    @Test
    void aFullDiskIsReportedAndThePartialBytesRemoved() throws Exception {
        Path mount = Files.createTempDirectory("parley-full-");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = p.waitFor() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a small tmpfs here");
        try {
            LocalBlobStore store = new LocalBlobStore(mount.resolve("files"));
            String key = FileIds.next();
            store.append(key, 0, new ByteArrayInputStream(new byte[1000]), 10_000_000, null);
            assertThatThrownBy(() -> store.append(key, 1000, new ByteArrayInputStream(new byte[4_000_000]), 10_000_000, null))
                    .isInstanceOf(StorageFullException.class);
            assertThat(Files.size(mount.resolve("files/partial/" + key))).isEqualTo(1000);
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
            Files.deleteIfExists(mount);
        }
    }
}
