package dev.liaison.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wildfly.common.iteration.CodePointIterator;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.SaltedSimpleDigestPassword;
import org.wildfly.security.password.spec.SaltedHashPasswordSpec;

class ApiKeySecretsTest {

    @Test
    void theStoredDigestVerifiesTheSecretAsTheRealmReadsIt() throws Exception {
        char[] secret = ApiKeySecrets.newSecret();
        ApiKeySecrets.Digest digest = ApiKeySecrets.digest(secret);

        Password stored = asTheRealmReadsIt(digest);
        PasswordFactory factory = factory();

        assertThat(factory.verify(stored, secret)).isTrue();
        assertThat(factory.verify(stored, "not-the-secret".toCharArray())).isFalse();
        char[] oneLetterOff = secret.clone();
        oneLetterOff[0] = oneLetterOff[0] == 'a' ? 'b' : 'a';
        assertThat(factory.verify(stored, oneLetterOff)).isFalse();
    }

    @Test
    void theSameSecretIsSaltedDifferentlyEachTime() {
        char[] secret = "the-same-secret".toCharArray();

        ApiKeySecrets.Digest first = ApiKeySecrets.digest(secret);
        ApiKeySecrets.Digest second = ApiKeySecrets.digest(secret);

        assertThat(first.salt()).isNotEqualTo(second.salt());
        assertThat(first.hash()).isNotEqualTo(second.hash()).hasSize(64);
    }

    @Test
    void idsAndSecretsAreLettersAndDigitsOfTheirLength() {
        assertThat(ApiKeySecrets.newKeyId()).matches("lk_[A-Za-z0-9]{20}");
        assertThat(new String(ApiKeySecrets.newSecret())).matches("[A-Za-z0-9]{43}");
        assertThat(ApiKeySecrets.newKeyId()).isNotEqualTo(ApiKeySecrets.newKeyId());
    }

    /** What the jdbc-realm's salted-simple-digest-mapper with hash-encoding=hex and salt-encoding=hex builds. */
    private static Password asTheRealmReadsIt(ApiKeySecrets.Digest digest) throws Exception {
        byte[] hash = CodePointIterator.ofString(digest.hash()).hexDecode().drain();
        byte[] salt = CodePointIterator.ofString(digest.salt()).hexDecode().drain();
        return factory().generatePassword(new SaltedHashPasswordSpec(hash, salt));
    }

    private static PasswordFactory factory() throws Exception {
        return PasswordFactory.getInstance(SaltedSimpleDigestPassword.ALGORITHM_PASSWORD_SALT_DIGEST_SHA_256,
                WildFlyElytronPasswordProvider.getInstance());
    }
}
