package org.vpsconnector.adapters.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for their column with AES-256-GCM under the key from the configuration, so that
 * the database never holds them as text. The id of the row they belong to is authenticated with
 * them: a sealed value copied to another row does not open.
 */
public final class SecretSealing {
    /** Marks a sealed value, and the scheme, so that another one can follow. */
    static final String PREFIX = "aes-gcm:";
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretSealing(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the sealing key must be " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    String seal(UUID rowId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, rowId, nonce).apply(secret.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce).put(sealed).array());
    }

    /** The secret of row {@code rowId} (an operator's tool or a test, given the key, reads it so). */
    public String open(UUID rowId, String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalStateException("the stored secret of " + rowId + " is not sealed");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
        return new String(cipher(Cipher.DECRYPT_MODE, rowId, nonce).apply(ciphertext), StandardCharsets.UTF_8);
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    private Crypt cipher(int mode, UUID rowId, byte[] nonce) {
        return input -> {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(rowId.toString().getBytes(StandardCharsets.US_ASCII));
                return cipher.doFinal(input);
            } catch (GeneralSecurityException failure) {
                // Also a wrong key or a value that was tampered with: never readable, so never silently wrong.
                throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open")
                        + " the stored secret of " + rowId + ": " + failure.getClass().getSimpleName(), failure);
            }
        };
    }

    private interface Crypt {
        byte[] apply(byte[] input);
    }
}
