package dev.liaison.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void sealedValuesOpenForTheirOwnerOnly() {
        SecretBox box = new SecretBox(SecretKeys.parse(K1));

        String sealed = box.seal("{\"apiToken\":\"zd-secret-123\"}", "connection-1");

        assertThat(sealed).startsWith("v1:k1:").doesNotContain("zd-secret-123");
        assertThat(box.open(sealed, "connection-1")).isEqualTo("{\"apiToken\":\"zd-secret-123\"}");
        assertThatThrownBy(() -> box.open(sealed, "connection-2")).isInstanceOf(SecretBoxException.class);
        assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
    }

    @Test
    void tamperingIsDetected() {
        SecretBox box = new SecretBox(SecretKeys.parse(K1));
        String sealed = box.seal("token", "c");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> box.open(tampered, "c")).isInstanceOf(SecretBoxException.class)
                .message().doesNotContain("token");
    }

    @Test
    void afterRotationOldValuesOpenAndNewOnesUseTheNewKey() {
        String old = new SecretBox(SecretKeys.parse(K1)).seal("token", "c");
        SecretBox rotated = new SecretBox(SecretKeys.parse(K2 + "," + K1));

        assertThat(rotated.open(old, "c")).isEqualTo("token");
        assertThat(rotated.sealedWithCurrentKey(old)).isFalse();
        String resealed = rotated.seal(rotated.open(old, "c"), "c");
        assertThat(resealed).startsWith("v1:k2:");
        assertThat(rotated.sealedWithCurrentKey(resealed)).isTrue();
        assertThatThrownBy(() -> new SecretBox(SecretKeys.parse(K1)).open(resealed, "c"))
                .hasMessageContaining("'k2'");
    }

    @Test
    void keyRingsAreValidated() {
        assertThatThrownBy(() -> SecretKeys.parse("k1:c2hvcnQ=")).hasMessageContaining("256 bits");
        assertThatThrownBy(() -> SecretKeys.parse("nokey")).hasMessageContaining("id:base64key");
    }

    @Test
    void embeddedModeGeneratesAKeyOnceAndKeepsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/secrets.keys");
        Map<String, SecretKey> first = new LinkedHashMap<>(SecretKeys.embedded(file));
        Map<String, SecretKey> second = SecretKeys.embedded(file);

        assertThat(Files.exists(file)).isTrue();
        assertThat(second.get("embedded").getEncoded()).isEqualTo(first.get("embedded").getEncoded());
    }
}
