package dev.liaison.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connectors.email.UnsubscribeTokens.Unsubscribe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    static final String SECRET = "unsub-secret-0123456789-abcdefghijklmnop";
    static final String OTHER_SECRET = "another-secret-0123456789-abcdefghijklm";
    static final Unsubscribe CLAIM = new Unsubscribe("c-1", "profile-42", "marketing_email", "email",
            "run-7:step-2", Instant.parse("2026-11-23T10:00:00Z"));

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(List.of(SECRET));

    @Test
    void aTokenVerifiesToWhatWasIssued() {
        String token = tokens.issue(CLAIM);

        assertThat(tokens.verify(token)).contains(CLAIM);
        assertThat(UnsubscribeTokens.connectionOf(token)).contains("c-1");
    }

    @Test
    void aTokenIsUrlSafeAndNamesNoSecret() {
        String token = tokens.issue(CLAIM);

        assertThat(token).matches("[A-Za-z0-9._-]+").startsWith("v1.c-1.").doesNotContain(SECRET);
    }

    @Test
    void anAlteredPayloadIsRejected() {
        String token = tokens.issue(CLAIM);
        String[] parts = token.split("\\.");
        String forged = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8)
                .replace("profile-42", "profile-43");
        parts[2] = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(String.join(".", parts))).isEmpty();
    }

    @Test
    void aTokenMovedToAnotherConnectionIsRejected() {
        String token = tokens.issue(CLAIM);

        assertThat(tokens.verify(token.replaceFirst("^v1\\.c-1\\.", "v1.c-2."))).isEmpty();
    }

    @Test
    void everyFlippedCharacterOfTheSignatureIsRejected() {
        String token = tokens.issue(CLAIM);
        int macStart = token.lastIndexOf('.') + 1;
        for (int i = macStart; i < token.length(); i++) {
            char flipped = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + flipped + token.substring(i + 1);
            assertThat(tokens.verify(tampered)).as("flipped at %d", i).isEmpty();
        }
    }

    @Test
    void truncatedForeignAndEmptyTokensAreRejected() {
        String token = tokens.issue(CLAIM);

        assertThat(tokens.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.lastIndexOf('.')))).isEmpty();
        assertThat(tokens.verify(new UnsubscribeTokens(List.of(OTHER_SECRET)).issue(CLAIM))).isEmpty();
        assertThat(tokens.verify("v2" + token.substring(2))).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("v1.c-1.%%%.###")).isEmpty();
        assertThat(UnsubscribeTokens.connectionOf("not a token")).isEmpty();
    }

    @Test
    void aRotatedSecretStillVerifiesMailAlreadySent() {
        String oldToken = tokens.issue(CLAIM);
        UnsubscribeTokens rotated = new UnsubscribeTokens(List.of(OTHER_SECRET, SECRET));

        assertThat(rotated.verify(oldToken)).contains(CLAIM);
        assertThat(tokens.verify(rotated.issue(CLAIM))).isEmpty();
    }

    @Test
    void weakSecretsAndUnsafeFieldsAreRefused() {
        assertThatThrownBy(() -> new UnsubscribeTokens(List.of("short")))
                .hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> new UnsubscribeTokens(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Unsubscribe("c.1", "p", "marketing_email", "email", "m", Instant.EPOCH))
                .hasMessageContaining("connectionId");
        assertThatThrownBy(() -> new Unsubscribe("c-1", "p\n2", "marketing_email", "email", "m", Instant.EPOCH))
                .hasMessageContaining("line break");
    }
}
