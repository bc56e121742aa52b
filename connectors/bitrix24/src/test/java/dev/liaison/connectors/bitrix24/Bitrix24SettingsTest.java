package dev.liaison.connectors.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connectors.support.RateLimit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Bitrix24SettingsTest {

    private static final String WEBHOOK = "https://example.bitrix24.ru/rest/1/7xq2kd9w3m1p0abc";

    @Test
    void theStandardPlansBucketJustUnderItsDrainIsTheDefault() {
        assertThat(settings(Map.of()).rateLimit()).isEqualTo(RateLimit.underPublished(2, 50));
        assertThat(settings(Map.of()).rateLimit().perSecond()).isBetween(1.85, 1.95);
    }

    @Test
    void enterprisePortalsDrainFasterFromABiggerBucket() {
        assertThat(settings(Map.of(Bitrix24Settings.PLAN, "Enterprise")).rateLimit())
                .isEqualTo(RateLimit.underPublished(5, 250));
    }

    @Test
    void anExplicitRateOrBurstOverridesThePlan() {
        assertThat(settings(Map.of(Bitrix24Settings.PLAN, "enterprise", Bitrix24Settings.RATE_PER_SECOND, "1.5"))
                .rateLimit()).isEqualTo(new RateLimit(1.5, 250));
        assertThat(settings(Map.of(Bitrix24Settings.BURST, "10")).rateLimit()).isEqualTo(RateLimit.underPublished(2, 10));
    }

    @Test
    void nonsenseLimitsAreRefusedByName() {
        assertThatThrownBy(() -> settings(Map.of(Bitrix24Settings.PLAN, "professional")))
                .hasMessageContaining("'plan'");
        assertThatThrownBy(() -> settings(Map.of(Bitrix24Settings.RATE_PER_SECOND, "-2")))
                .hasMessageContaining("'ratePerSecond'");
        assertThatThrownBy(() -> settings(Map.of(Bitrix24Settings.BURST, "2.5")))
                .hasMessageContaining("'burst'");
    }

    @Test
    void theRestBaseAlwaysEndsWithASlashSoMethodsResolveBelowIt() {
        assertThat(settings(Map.of()).restBase().resolve("crm.contact.get").toString())
                .isEqualTo(WEBHOOK + "/crm.contact.get");
    }

    @Test
    void aWebhookUrlWithoutUserAndCodeIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> settings(Map.of(Bitrix24Settings.INCOMING_WEBHOOK_URL,
                "https://example.bitrix24.ru/rest/secretcode/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incomingWebhookUrl")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretcode"));
    }

    @Test
    void aMisconfiguredConnectionFailsItsCallsPermanently() {
        ConnectionContext broken = Bitrix24Fixtures.connection("https://example.bitrix24.ru",
                Map.of(Bitrix24Settings.INCOMING_WEBHOOK_URL, "ftp://example.bitrix24.ru/rest/1/x/"));

        assertThatThrownBy(() -> Bitrix24Fixtures.connector(new ArrayList<>()).pull(broken, null))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("b24-1", "incomingWebhookUrl");
                });
    }

    @Test
    void theSpecMarksCredentialsSecretAndAcceptsEitherMode() {
        SettingsSpec spec = new Bitrix24Connector().settings();

        assertThat(spec.isSecret(Bitrix24Settings.INCOMING_WEBHOOK_URL)).isTrue();
        assertThat(spec.isSecret(Bitrix24Settings.APPLICATION_TOKEN)).isTrue();
        assertThat(spec.isSecret(Bitrix24Settings.CLIENT_SECRET)).isTrue();
        assertThat(spec.isSecret(Bitrix24Settings.ACCESS_TOKEN)).isTrue();
        assertThat(spec.isSecret(Bitrix24Settings.REFRESH_TOKEN)).isTrue();
        assertThat(spec.isSecret(Bitrix24Settings.CLIENT_ID)).isFalse();
        assertThat(spec.isSecret(Bitrix24Settings.MEMBER_ID)).isFalse();
        assertThat(spec.validate(Map.of(Bitrix24Settings.CLIENT_ID, "local.1", Bitrix24Settings.CLIENT_SECRET, "s")))
                .isEmpty();
        assertThat(spec.validate(Map.of(Bitrix24Settings.PORTAL_URL, "https://example.bitrix24.ru",
                Bitrix24Settings.INCOMING_WEBHOOK_URL, WEBHOOK, Bitrix24Settings.APPLICATION_TOKEN, "t",
                Bitrix24Settings.MEMBER_ID, "m"))).isEmpty();
        assertThat(spec.field(SettingsSpec.CONSENT_FIELDS)).isPresent();
        assertThat(new Bitrix24Connector().capabilities()).extracting(Enum::name)
                .containsExactlyInAnyOrder("WEBHOOKS", "PULL_SYNC", "RECORD_WRITE", "ERASURE", "EXPORT", "INSTALL");
    }

    private static Bitrix24Settings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                Bitrix24Settings.PORTAL_URL, "https://example.bitrix24.ru",
                Bitrix24Settings.INCOMING_WEBHOOK_URL, WEBHOOK,
                Bitrix24Settings.APPLICATION_TOKEN, Bitrix24Fixtures.TOKEN,
                Bitrix24Settings.MEMBER_ID, Bitrix24Fixtures.MEMBER_ID));
        values.putAll(extra);
        return Bitrix24Settings.of(new ConnectionContext("b24-1", "default", Bitrix24Connector.KIND, values));
    }
}
