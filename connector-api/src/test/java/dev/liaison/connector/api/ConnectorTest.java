package dev.liaison.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorTest {

    private static final class ReceivingConnector implements Connector, WebhookReceiver {
        @Override
        public String kind() {
            return "receiving";
        }

        @Override
        public SettingsSpec settings() {
            return SettingsSpec.of();
        }

        @Override
        public void verify(ConnectionContext connection, WebhookRequest request) {
        }

        @Override
        public String dedupKey(ConnectionContext connection, WebhookRequest request) {
            return "k";
        }

        @Override
        public List<CanonicalEvent> parse(ConnectionContext connection, WebhookRequest request) {
            return List.of();
        }
    }

    @Test
    void capabilitiesFollowTheImplementedContracts() {
        assertThat(new ReceivingConnector().capabilities()).containsExactly(Capability.WEBHOOKS);
    }

    @Test
    void webhookHeadersAreCaseInsensitive() {
        WebhookRequest request = new WebhookRequest("application/json",
                Map.of("X-Zendesk-Webhook-Signature", List.of("abc")), null, new byte[0], Instant.now());
        assertThat(request.header("x-zendesk-webhook-signature")).contains("abc");
        assertThat(request.header("X-ZENDESK-WEBHOOK-SIGNATURE")).contains("abc");
    }

    @Test
    void eventsHaveStableTypeNames() {
        ExternalRef ref = new ExternalRef("zendesk", "c1", "42");
        assertThat(new ContactDeleted(ref, Instant.EPOCH).type()).isEqualTo("contact.deleted");
    }

    @Test
    void externalRefRefusesBlankParts() {
        assertThatThrownBy(() -> new ExternalRef("zendesk", " ", "42")).isInstanceOf(IllegalArgumentException.class);
    }
}
