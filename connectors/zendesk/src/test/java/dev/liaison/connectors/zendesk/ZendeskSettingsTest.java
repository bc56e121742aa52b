package dev.liaison.connectors.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connectors.support.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskSettingsTest {

    private static ConnectionContext with(Map<String, String> settings) {
        return new ConnectionContext("zd-9", "default", ZendeskConnector.KIND, settings);
    }

    @Test
    void defaultsFollowZendesksDocumentedLimits() {
        ZendeskSettings settings = ZendeskSettings.of(with(Map.of("subdomain", "acme", "oauthToken", "t",
                "signingSecret", "s")));

        assertThat(settings.baseUri()).isEqualTo(URI.create("https://acme.zendesk.com"));
        assertThat(settings.replayWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.apiLimit()).isEqualTo(RateLimit.underPublished(691 / 60.0, 10));
        assertThat(settings.exportLimit()).isEqualTo(RateLimit.underPublished(10 / 60.0, 1));
        assertThat(settings.exportLimit().perSecond() * 60).isLessThan(9.6);
    }

    @Test
    void burstAndRefillNeverExceedTheLimitWithinAMinute() {
        for (int perMinute : new int[] {1, 10, 200, 700, 2500}) {
            RateLimit limit = ZendeskSettings.perMinute(perMinute);
            assertThat(limit.burst() + Math.round(limit.perSecond() * 60) - 1).isLessThanOrEqualTo(perMinute);
        }
    }

    @Test
    void needsEmailAndApiTokenOrAnOauthToken() {
        assertThatThrownBy(() -> ZendeskSettings.of(with(Map.of("subdomain", "acme", "email", "agent@acme.example",
                "signingSecret", "s"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'apiToken'").hasMessageContaining("'oauthToken'")
                .message().doesNotContain("agent@acme.example");
        assertThatThrownBy(() -> ZendeskSettings.of(with(Map.of("subdomain", "acme", "apiToken", "secret-token",
                "signingSecret", "s"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'email'")
                .message().doesNotContain("secret-token");
    }

    @Test
    void needsASubdomainOrABaseUrl() {
        assertThatThrownBy(() -> ZendeskSettings.of(with(Map.of("oauthToken", "t", "signingSecret", "s"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'subdomain'").hasMessageContaining("'baseUrl'");
        assertThatThrownBy(() -> ZendeskSettings.of(with(Map.of("subdomain", "evil.com/x", "oauthToken", "t",
                "signingSecret", "s"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'subdomain'");
        assertThatThrownBy(() -> ZendeskSettings.of(with(Map.of("baseUrl", "ftp://acme", "oauthToken", "t",
                "signingSecret", "s"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'baseUrl'");
    }

    @Test
    void numbersMustBePositive() {
        assertThatThrownBy(() -> ZendeskSettings.of(with(Map.of("subdomain", "acme", "oauthToken", "t",
                "signingSecret", "s", "requestsPerMinute", "-5"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'requestsPerMinute'");
    }

    @Test
    void specMarksTheCredentialsSecretAndRequiresOnlyTheSigningSecret() {
        SettingsSpec spec = new ZendeskConnector(null, null, null).settings();

        assertThat(spec.isSecret("apiToken")).isTrue();
        assertThat(spec.isSecret("oauthToken")).isTrue();
        assertThat(spec.isSecret("signingSecret")).isTrue();
        assertThat(spec.isSecret("triggerSigningSecret")).isTrue();
        assertThat(spec.isSecret("email")).isFalse();
        assertThat(spec.field(SettingsSpec.CONSENT_FIELDS)).isPresent();
        assertThat(spec.validate(Map.of("subdomain", "acme")))
                .extracting(SettingsSpec.Violation::setting).containsExactly("signingSecret");
        assertThat(spec.validate(Map.of("signingSecret", "a-zendesk-signing-secret", "password", "p")))
                .extracting(SettingsSpec.Violation::setting).containsExactly("password");
    }

    @Test
    void specRefusesEveryWrongValueAtOnce() {
        SettingsSpec spec = new ZendeskConnector(null, null, null).settings();
        assertThat(spec.validate(Map.of("subdomain", "acme.zendesk.com", "baseUrl", "http://acme.zendesk.com",
                "email", "agent", "signingSecret", "short", "replayWindowSeconds", "9223372036854775807",
                "requestsPerMinute", "1.5", "exportRequestsPerMinute", "abc")))
                .extracting(SettingsSpec.Violation::setting)
                .containsExactlyInAnyOrder("subdomain", "baseUrl", "email", "signingSecret", "replayWindowSeconds",
                        "requestsPerMinute", "exportRequestsPerMinute");
    }
}
