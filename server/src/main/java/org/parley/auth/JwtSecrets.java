package org.parley.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the access-token signing key comes from: the configured secret, or else one generated once
 * into the data directory (owner-only) so restarts keep everyone signed in.
 */
public final class JwtSecrets {
    private static final Logger log = LoggerFactory.getLogger(JwtSecrets.class);
    static final String FILE_NAME = "jwt-secret";

    private JwtSecrets() {}

    public static byte[] resolve(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) return configured.get().getBytes(StandardCharsets.UTF_8);
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                org.parley.storage.OwnerOnlyFiles.file(file);
                byte[] secret = Base64.getDecoder().decode(Files.readString(file).strip());
                if (secret.length < 32) throw new IllegalStateException(file + " holds fewer than 32 bytes");
                return secret;
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            org.parley.storage.OwnerOnlyFiles.directory(dataDir);
            Path tmp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            restrictToOwner(tmp);
            Files.writeString(tmp, Base64.getEncoder().encodeToString(secret) + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.warn("No JWT secret configured: generated one into {}. Fine for one node; for several nodes "
                    + "or production set PARLEY_JWT_SECRET (32+ bytes) on every node.", file);
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the JWT secret in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the directory's own permissions apply
        }
    }
}
