package dev.liaison.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSpecTest {

    private final SettingsSpec spec = SettingsSpec.of(
            SettingsSpec.required("subdomain", "the account's subdomain"),
            SettingsSpec.requiredSecret("apiToken", "an API token"),
            SettingsSpec.optional("baseUrl", "overrides the API address"));

    @Test
    void completeSettingsHaveNoViolations() {
        assertThat(spec.validate(Map.of("subdomain", "acme", "apiToken", "t"))).isEmpty();
    }

    @Test
    void namesMissingBlankAndUnknownSettings() {
        assertThat(spec.validate(Map.of("subdomain", " ", "colour", "red")))
                .extracting(SettingsSpec.Violation::setting)
                .containsExactlyInAnyOrder("subdomain", "apiToken", "colour");
    }

    @Test
    void knowsWhichSettingsAreSecret() {
        assertThat(spec.isSecret("apiToken")).isTrue();
        assertThat(spec.isSecret("subdomain")).isFalse();
        assertThat(spec.isSecret("unknown")).isFalse();
    }
}
