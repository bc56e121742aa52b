package dev.liaison.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
    void aDerivedSettingIsNeitherRequiredNorAccepted() {
        SettingsSpec withCallback = SettingsSpec.of(SettingsSpec.required("accountSid", "the account"),
                SettingsSpec.webhookUrl("callbackUrl", "this connection's webhook URL"));

        assertThat(withCallback.derived()).containsExactly("callbackUrl");
        assertThat(withCallback.validate(Map.of("accountSid", "AC1"))).isEmpty();
        assertThat(withCallback.validate(Map.of("accountSid", "AC1", "callbackUrl", "https://x.example/hooks/1")))
                .containsExactly(new SettingsSpec.Violation("callbackUrl", SettingsSpec.DERIVED_MESSAGE));
    }

    @Test
    void knowsWhichSettingsAreSecret() {
        assertThat(spec.isSecret("apiToken")).isTrue();
        assertThat(spec.isSecret("subdomain")).isFalse();
        assertThat(spec.isSecret("unknown")).isFalse();
    }

    @Test
    void namesEveryWrongSettingAtOnce() {
        SettingsSpec checked = SettingsSpec.of(
                SettingsSpec.requiredSecret("signingSecret", "a shared secret")
                        .checked(SettingChecks.minLength(SettingChecks.SHARED_SECRET_MIN_LENGTH)),
                SettingsSpec.optional("toleranceSeconds", "seconds").checked(SettingChecks.wholeNumber(1, 3600)),
                SettingsSpec.optional("baseUrl", "an address").checked(SettingChecks.remoteUrl()),
                SettingsSpec.optional("plan", "a plan").checked(SettingChecks.oneOf("standard", "enterprise")),
                SettingsSpec.consentFields());

        assertThat(checked.validate(Map.of("signingSecret", "s", "toleranceSeconds", "1.5",
                "baseUrl", "http://crm.example", "plan", "gold", "consentFields", "nonsense")))
                .extracting(SettingsSpec.Violation::setting)
                .containsExactlyInAnyOrder("signingSecret", "toleranceSeconds", "baseUrl", "plan", "consentFields");
    }

    @Test
    void violationsNeverQuoteTheValue() {
        SettingsSpec checked = SettingsSpec.of(SettingsSpec.requiredSecret("signingSecret", "a shared secret")
                .checked(SettingChecks.minLength(SettingChecks.SHARED_SECRET_MIN_LENGTH)));

        assertThat(checked.validate(Map.of("signingSecret", "hunter2"))).singleElement()
                .extracting(SettingsSpec.Violation::message).asString().doesNotContain("hunter2");
    }

    @Test
    void wholeNumbersAreDigitsWithinTheRange() {
        SettingCheck seconds = SettingChecks.wholeNumber(1, 3600);

        assertThat(seconds.problem("300")).isEmpty();
        assertThat(seconds.problem(" 300 ")).isEmpty();
        for (String wrong : new String[] {"abc", "1.5", "0", "3601", "-5", "+5", "1e3", "12345678901234567890",
                "9223372036854775807"}) {
            assertThat(seconds.problem(wrong)).as(wrong).isPresent();
        }
    }

    @Test
    void remoteUrlsAreHttpsExceptOnLoopback() {
        SettingCheck url = SettingChecks.remoteUrl();

        assertThat(url.problem("https://acme.zendesk.com")).isEmpty();
        assertThat(url.problem("http://127.0.0.1:8089/api")).isEmpty();
        assertThat(url.problem("http://localhost:8089")).isEmpty();
        assertThat(url.problem("http://[::1]:8089")).isEmpty();
        for (String wrong : new String[] {"http://acme.zendesk.com", "ftp://acme.example", "acme.zendesk.com",
                "https://user:pass@acme.example", "https://acme.example/#x", "https://", "not a url"}) {
            assertThat(url.problem(wrong)).as(wrong).isPresent();
        }
    }

    @Test
    void boundsEveryValue() {
        assertThat(spec.validate(Map.of("subdomain", "a".repeat(SettingsSpec.VALUE_LIMIT + 1), "apiToken", "t")))
                .extracting(SettingsSpec.Violation::setting).containsExactly("subdomain");
    }

    @Test
    void theSyncSettingsAreCheckedAndDefaulted() {
        SettingsSpec synced = spec.withSyncSettings();
        Map<String, String> base = Map.of("subdomain", "acme", "apiToken", "t");

        assertThat(synced.validate(base)).isEmpty();
        assertThat(synced.validate(Map.of("subdomain", "acme", "apiToken", "t", "initialImport", "false",
                "syncInterval", "PT1H"))).isEmpty();
        assertThat(synced.validate(Map.of("subdomain", "acme", "apiToken", "t", "initialImport", "no",
                "syncInterval", "PT10S"))).extracting(SettingsSpec.Violation::setting)
                .containsExactlyInAnyOrder("initialImport", "syncInterval");
        assertThat(synced.validate(Map.of("subdomain", "acme", "apiToken", "t", "syncInterval", "every hour")))
                .extracting(SettingsSpec.Violation::setting).containsExactly("syncInterval");
        assertThat(spec.validate(Map.of("subdomain", "acme", "apiToken", "t", "syncInterval", "PT1H")))
                .as("only connectors that pull take it").isNotEmpty();
        assertThat(SettingsSpec.syncInterval(null)).isEqualTo(SettingsSpec.DEFAULT_SYNC_INTERVAL);
        assertThat(SettingsSpec.syncInterval(" P1D ")).isEqualTo(Duration.ofDays(1));
    }
}
