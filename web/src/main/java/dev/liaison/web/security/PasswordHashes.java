package dev.liaison.web.security;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Hashes embedded users' passwords with Elytron's own bcrypt, in the modular crypt form that the jdbc-realm's
 * {@code modular-crypt-mapper} reads back: producing the hash with the verifier's library rules out format drift.
 */
final class PasswordHashes {

    // Every Basic request verifies the hash (Elytron caches no evidence). 10 is OWASP's floor for bcrypt; on the
    // two-core development machine, busy with a build, one verification took 89 ms at 10 and 358 ms at 12.
    private static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    static String bcrypt(char[] password) {
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                    WildFlyElytronPasswordProvider.getInstance());
            BCryptPassword hashed = (BCryptPassword) factory.generatePassword(
                    new EncryptablePasswordSpec(password, new IteratedSaltedPasswordAlgorithmSpec(COST, salt)));
            return ModularCrypt.encodeAsString(hashed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is unavailable", e);
        }
    }

    /** 24 characters from a 62-letter alphabet: about 143 bits. */
    static char[] generate() {
        return alphanumeric(24);
    }

    /** Random letters and digits, about 5.95 bits each: nothing a user or a shell has to quote or escape. */
    static char[] alphanumeric(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        char[] random = new char[length];
        for (int i = 0; i < random.length; i++) {
            random[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return random;
    }
}
