package dev.liaison.connectors.amocrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connectors.support.RateLimit;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmoSettingsTest {

    private final AmoCrmConnector connector = AmoFixtures.connector(new ArrayList<>());

    @Test
    void tokensAndTheWebhookSecretAreSecretsAndTheAccountIsRequired() {
        SettingsSpec spec = connector.settings();

        assertThat(List.of(AmoSettings.ACCESS_TOKEN, AmoSettings.WEBHOOK_SECRET, AmoSettings.CLIENT_SECRET,
                AmoSettings.REFRESH_TOKEN, AmoSettings.EXPIRES_AT, AmoSettings.OAUTH_STATE)).allMatch(spec::isSecret);
        assertThat(List.of(AmoSettings.SUBDOMAIN, AmoSettings.CLIENT_ID, AmoSettings.REDIRECT_URI,
                AmoSettings.WEBHOOK_URL))
                .noneMatch(spec::isSecret);
        assertThat(spec.validate(Map.of())).as("a long-lived token or the OAuth client: neither can be required")
                .extracting(SettingsSpec.Violation::setting).containsExactlyInAnyOrder(
                        AmoSettings.SUBDOMAIN, AmoSettings.ACCOUNT_ID, AmoSettings.WEBHOOK_SECRET);
        assertThat(connector.kind()).isEqualTo("amocrm");
        assertThat(connector.capabilities()).containsExactlyInAnyOrder(
                Capability.WEBHOOKS, Capability.PULL_SYNC, Capability.RECORD_WRITE, Capability.ERASURE,
                Capability.EXPORT, Capability.DISCONNECT, Capability.AUTHORIZATION, Capability.WEBHOOK_REGISTRATION);
    }

    @Test
    void theAccountDomainAndAPaceJustUnderSevenRequestsASecondAreTheDefaults() {
        AmoSettings settings = AmoSettings.of(AmoFixtures.connection("", Map.of(AmoSettings.RATE_PER_SECOND, "")));

        assertThat(settings.baseUri()).isEqualTo(URI.create("https://example.amocrm.ru"));
        assertThat(settings.rateLimit()).isEqualTo(RateLimit.underPublished(7, 1));
        assertThat(settings.rateLimit().perSecond()).isBetween(6.5, 6.8);
        assertThat(settings.currency()).as("amoCRM's home market").isEqualTo("RUB");
    }

    @Test
    void theCurrencyIsAnIsoCodeInUpperCase() {
        ConnectionContext inTenge = AmoFixtures.connection("", Map.of(AmoSettings.CURRENCY, " KZT "));

        assertThat(AmoSettings.of(inTenge).currency()).isEqualTo("KZT");
        assertThat(connector.settings().field(AmoSettings.CURRENCY)).hasValueSatisfying(field -> {
            assertThat(field.required()).isFalse();
            assertThat(field.secret()).isFalse();
        });
        assertBad(Map.of(AmoSettings.CURRENCY, "usd"), AmoSettings.CURRENCY, "usd");
        assertBad(Map.of(AmoSettings.CURRENCY, "RUBL"), AmoSettings.CURRENCY, "RUBL");
        assertBad(Map.of(AmoSettings.CURRENCY, "QQQ"), AmoSettings.CURRENCY, "QQQ");
    }

    @Test
    void aBaseUrlAndARateOverrideTheDefaults() {
        AmoSettings settings = AmoSettings.of(AmoFixtures.connection("https://example.kommo.com/",
                Map.of(AmoSettings.RATE_PER_SECOND, "3.5")));

        assertThat(settings.baseUri()).isEqualTo(URI.create("https://example.kommo.com"));
        assertThat(settings.rateLimit()).isEqualTo(new RateLimit(3.5, 1));
    }

    @Test
    void badValuesAreNamedButNotQuoted() {
        assertBad(Map.of(AmoSettings.SUBDOMAIN, "evil.com/x", AmoSettings.BASE_URL, ""), AmoSettings.SUBDOMAIN,
                "evil.com");
        assertBad(Map.of(AmoSettings.RATE_PER_SECOND, "-1"), AmoSettings.RATE_PER_SECOND, "-1");
        assertBad(Map.of(AmoSettings.BASE_URL, "ftp://example.amocrm.ru"), AmoSettings.BASE_URL, "ftp:");
        ConnectionContext otherAccount = AmoFixtures.connection("", Map.of(AmoSettings.ACCOUNT_ID, "acc-42"));
        assertThatThrownBy(() -> AmoSettings.accountId(otherAccount)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + AmoSettings.ACCOUNT_ID + "'").hasMessageNotContaining("acc-42");
    }

    private static void assertBad(Map<String, String> overrides, String setting, String value) {
        ConnectionContext connection = AmoFixtures.connection("https://example.amocrm.ru", overrides);
        assertThatThrownBy(() -> AmoSettings.of(connection)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + setting + "'").hasMessageNotContaining(value);
    }
}
