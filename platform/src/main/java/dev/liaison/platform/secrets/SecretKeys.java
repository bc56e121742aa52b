package dev.liaison.platform.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the keys come from. Production sets {@code liaison.secrets.keys} (env {@code LIAISON_SECRETS_KEYS}) to
 * {@code id:base64key[,id:base64key...]}, current key first; rotating means putting a new key in front and calling
 * the rotate endpoint. Embedded mode without that setting generates one key into a file next to its database, so
 * that a fresh checkout runs without any setup.
 */
public final class SecretKeys {

    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());
    private static final int KEY_BYTES = 32;

    private SecretKeys() {
    }

    /** @throws IllegalArgumentException naming the malformed entry (never the key material) */
    public static Map<String, SecretKey> parse(String ring) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : ring.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("liaison.secrets.keys entries must be id:base64key");
            }
            String id = trimmed.substring(0, colon);
            byte[] material;
            try {
                material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("liaison.secrets.keys key '" + id + "' is not base64");
            }
            if (material.length != KEY_BYTES) {
                throw new IllegalArgumentException("liaison.secrets.keys key '" + id + "' must be 256 bits");
            }
            keys.put(id, new SecretKeySpec(material, "AES"));
        }
        return keys;
    }

    /** Reads the generated key ring of embedded mode, creating it (owner-only permissions) on first use. */
    public static Map<String, SecretKey> embedded(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] material = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(material);
                Files.createDirectories(file.getParent());
                Files.writeString(file, "embedded:" + Base64.getEncoder().encodeToString(material),
                        StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    LOG.fine("file system without POSIX permissions; key file permissions left as they are");
                }
                LOG.warning(() -> "Generated the secrets key " + file + " for embedded mode; set "
                        + "LIAISON_SECRETS_KEYS in production");
            }
            return parse(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the secrets key file " + file, e);
        }
    }
}
