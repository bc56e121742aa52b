package dev.liaison.web.security;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.SaltedSimpleDigestPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.SaltedHashPasswordSpec;
import org.wildfly.security.password.spec.SaltedPasswordAlgorithmSpec;

/**
 * Ids, secrets and secret digests of API keys. The digest is made by Elytron's own {@code
 * password-salt-digest-sha-256}, the algorithm the jdbc-realm's {@code salted-simple-digest-mapper} verifies with,
 * and digest and salt are hex-encoded because the mapper is configured to decode hex (configure-h2.cli,
 * configure-postgres.cli): producing it with the verifier's library rules out format drift.
 */
final class ApiKeySecrets {

    private static final String ALGORITHM = SaltedSimpleDigestPassword.ALGORITHM_PASSWORD_SALT_DIGEST_SHA_256;

    /** Marks a key id where it shows: the audit trail records a key's actions under its id. */
    private static final String ID_PREFIX = "lk_";
    private static final int ID_LENGTH = 20;
    /** 43 letters and digits: about 256 bits, which is why one fast digest protects it as well as bcrypt would. */
    private static final int SECRET_LENGTH = 43;
    private static final int SALT_SIZE = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** The hex-encoded digest and salt that the api_key table keeps. */
    record Digest(String hash, String salt) {
    }

    private ApiKeySecrets() {
    }

    static String newKeyId() {
        return ID_PREFIX + new String(PasswordHashes.alphanumeric(ID_LENGTH));
    }

    static char[] newSecret() {
        return PasswordHashes.alphanumeric(SECRET_LENGTH);
    }

    static Digest digest(char[] secret) {
        byte[] salt = new byte[SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            PasswordFactory factory = PasswordFactory.getInstance(ALGORITHM,
                    WildFlyElytronPasswordProvider.getInstance());
            Password password = factory.generatePassword(
                    new EncryptablePasswordSpec(secret, new SaltedPasswordAlgorithmSpec(salt)));
            SaltedHashPasswordSpec digested = factory.getKeySpec(password, SaltedHashPasswordSpec.class);
            return new Digest(HEX.formatHex(digested.getHash()), HEX.formatHex(digested.getSalt()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        }
    }
}
