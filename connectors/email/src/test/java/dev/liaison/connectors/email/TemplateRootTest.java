package dev.liaison.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.SettingsSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRootTest {

    @TempDir
    Path temp;

    @Test
    void aDirectoryInsideTheRootIsTakenRelativeOrAbsolute() throws IOException {
        Path root = Files.createDirectories(temp.resolve("templates"));
        Path shop = Files.createDirectories(root.resolve("shop/mail"));

        assertThat(TemplateRoot.directory(Optional.of(root), " shop/mail ")).isEqualTo(shop);
        assertThat(TemplateRoot.directory(Optional.of(root), shop.toString())).isEqualTo(shop);
        assertThat(TemplateRoot.directory(Optional.of(root), "shop/./mail")).isEqualTo(shop);
    }

    @Test
    void anythingOutsideTheRootIsRefusedNamingTheSettingNotTheValue() throws IOException {
        Path root = Files.createDirectories(temp.resolve("templates"));
        Files.createDirectories(root.resolve("shop"));
        Path outside = Files.createDirectories(temp.resolve("secrets"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("shop/up"), temp);
        Files.createDirectories(temp.resolve("templates-evil"));

        for (String value : new String[] {"/etc", outside.toString(), "../secrets", "shop/../../secrets",
                "shop/../shop", "escape", "shop/up/secrets", "missing", "../templates-evil", "shop\u0000x"}) {
            assertThatThrownBy(() -> TemplateRoot.directory(Optional.of(root), value)).as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'templateDirectory'").hasMessageContaining(TemplateRoot.KEY)
                    .hasMessageNotContaining(value).hasMessageNotContaining(root.toString());
        }
    }

    @Test
    void withoutARootNoDirectoryIsAccepted() {
        assertThatThrownBy(() -> TemplateRoot.directory(Optional.empty(), "shop"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConnectionSettingIsCheckedAtCreation() {
        assertThat(EmailSettings.SPEC.validate(Map.of(EmailSettings.FROM, "news@shop.example",
                EmailSettings.TEMPLATE_DIRECTORY, "/etc")))
                .extracting(SettingsSpec.Violation::setting).containsExactly(EmailSettings.TEMPLATE_DIRECTORY);
    }
}
