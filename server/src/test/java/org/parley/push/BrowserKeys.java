package org.parley.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a browser holds for one push subscription: a P-256 key pair and a 16-byte auth secret; it
 * decrypts a push message as RFC 8291 says, written here apart from the server's code.
 */
final class BrowserKeys {
    final KeyPair pair;
    final byte[] auth = new byte[16];

    BrowserKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        pair = g.generateKeyPair();
        new SecureRandom().nextBytes(auth);
    }

    byte[] publicPoint() {
        return point((ECPublicKey) pair.getPublic());
    }

    String p256dh() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(publicPoint());
    }

    String authSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(auth);
    }

    String decrypt(byte[] body) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        if (recordSize < 18) throw new AssertionError("record size " + recordSize);
        byte[] keyId = new byte[in.get() & 0xff];
        in.get(keyId);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);

        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(pair.getPrivate());
        ecdh.doPhase(PushCrypto.publicKey(keyId), true);
        byte[] secret = ecdh.generateSecret();
        byte[] prkKey = hmac(auth, secret);
        byte[] info = cat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[] {0}, publicPoint(), keyId);
        byte[] ikm = Arrays.copyOf(hmac(prkKey, cat(info, new byte[] {1})), 32);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, cat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, cat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1})), 12);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = aes.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) end--;
        if (end < 0 || padded[end] != 2) throw new AssertionError("not the last record of a message");
        return new String(padded, 0, end, StandardCharsets.UTF_8);
    }

    static byte[] point(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        put(key.getW().getAffineX(), out, 1);
        put(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void put(BigInteger n, byte[] out, int at) {
        byte[] b = n.toByteArray();
        int len = Math.min(32, b.length);
        System.arraycopy(b, b.length - len, out, at + 32 - len, len);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] cat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) b.put(p);
        return b.array();
    }
}
