package dev.liaison.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals connector credentials with AES-256-GCM. The sealed form {@code v1:<keyId>:<base64(iv || ciphertext+tag)>}
 * names its key, so that after a rotation old values still open while new ones use the current key. The
 * associated data binds a sealed value to its owner (the connection id): a value copied to another row won't open.
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    /** @param keys by id; the first entry is the current key */
    public SecretBox(Map<String, SecretKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a secret box needs at least one key");
        }
        this.keys = new LinkedHashMap<>(keys);
        this.currentKeyId = keys.keySet().iterator().next();
    }

    public String seal(String plaintext, String owner) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws SecretBoxException when the value is not sealed, its key is unknown, or it was tampered with */
    public String open(String sealed, String owner) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SecretBoxException("value is not sealed");
        }
        int keyEnd = sealed.indexOf(':', PREFIX.length());
        if (keyEnd < 0) {
            throw new SecretBoxException("value is not sealed");
        }
        String keyId = sealed.substring(PREFIX.length(), keyEnd);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new SecretBoxException("value was sealed with key '" + keyId + "', which is not configured");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(keyEnd + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretBoxException("value does not open with key '" + keyId + "': tampered or wrong owner");
        }
    }

    public boolean sealedWithCurrentKey(String sealed) {
        return sealed != null && sealed.startsWith(PREFIX + currentKeyId + ":");
    }

    public String currentKeyId() {
        return currentKeyId;
    }
}
