package org.parley.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VAPID key pair: made once, owner-only, the same after a restart, refused when damaged. */
class VapidKeysTest {
    @TempDir
    Path dir;

    @Test
    void isGeneratedOnceOwnerOnlyAndReadBackTheSame() throws Exception {
        VapidKeys first = VapidKeys.resolve(dir);
        Path file = dir.resolve(VapidKeys.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] point = Base64.getUrlDecoder().decode(first.publicKeyBase64Url());
        assertThat(point).hasSize(65);
        assertThat(point[0]).isEqualTo((byte) 4);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(VapidKeys.resolve(dir).publicKeyBase64Url()).isEqualTo(first.publicKeyBase64Url());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("tightened again").isEqualTo("rw-------");
    }

    @Test
    void aDamagedFileStopsTheStart() throws Exception {
        Path file = dir.resolve(VapidKeys.FILE_NAME);
        for (String damaged : new String[] {"not a key\n", "bm90IGEga2V5\nbm90IGEga2V5\n"}) {
            Files.writeString(file, damaged);
            assertThatThrownBy(() -> VapidKeys.resolve(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(VapidKeys.FILE_NAME);
        }
    }
}
