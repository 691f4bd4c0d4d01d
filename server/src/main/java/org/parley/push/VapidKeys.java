package org.parley.push;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.parley.storage.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's VAPID key pair (P-256), by which push services know the pushes come from this
 * server: generated once into the data directory (owner-only, like the token secret), so every
 * restart keeps the browsers' subscriptions valid. Several nodes must share the file.
 */
public final class VapidKeys {
    private static final Logger log = LoggerFactory.getLogger(VapidKeys.class);
    static final String FILE_NAME = "vapid-key";

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private VapidKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static VapidKeys resolve(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                OwnerOnlyFiles.file(file);
                List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
                if (lines.size() != 2) throw new IllegalStateException(file + " must hold two lines: the private and the public key");
                KeyFactory ec = KeyFactory.getInstance("EC");
                return new VapidKeys(
                        (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))),
                        (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            OwnerOnlyFiles.directory(dataDir);
            Path tmp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            OwnerOnlyFiles.file(tmp);
            Files.writeString(tmp, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated the Web Push (VAPID) key pair into {}; nodes of one cluster must share it.", file);
            return new VapidKeys((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("Cannot read or create the Web Push key " + file + ": " + e.getMessage(), e);
        }
    }

    ECPrivateKey privateKey() {
        return privateKey;
    }

    /** The public key as browsers take it ({@code applicationServerKey}): the uncompressed point, base64url without padding. */
    public String publicKeyBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(PushCrypto.uncompressed(publicKey));
    }
}
