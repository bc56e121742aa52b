package dev.liaison.connectors.webhook;

import static dev.liaison.connectors.webhook.SignedWebhookContractTest.CONNECTION;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.NOW;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.SECRET;
import static dev.liaison.connectors.webhook.SignedWebhookContractTest.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedWebhookConnectorTest {

    private final SignedWebhookConnector connector = new SignedWebhookConnector(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void parsesAContactWithItsIdentifiersAsWritten() throws Exception {
        List<CanonicalEvent> events = connector.parse(CONNECTION, signed(SignedWebhookContractTest.CONTACT_EVENT, NOW, SECRET));

        assertThat(events).singleElement().isInstanceOfSatisfying(ContactUpserted.class, event -> {
            assertThat(event.ref()).isEqualTo(CONNECTION.ref("42"));
            Contact contact = event.contact();
            assertThat(contact.firstName()).isEqualTo("Anna");
            assertThat(contact.emails()).containsExactly("anna@example.com");
            assertThat(contact.phones()).containsExactly("8 903 145-34-55");
        });
    }

    @Test
    void parsesAWonDealWithItsAmount() throws Exception {
        List<CanonicalEvent> events = connector.parse(CONNECTION, signed(SignedWebhookContractTest.DEAL_EVENT, NOW, SECRET));

        assertThat(events).singleElement().isInstanceOfSatisfying(DealStageChanged.class, deal -> {
            assertThat(deal.won()).isTrue();
            assertThat(deal.amount()).isEqualByComparingTo(new BigDecimal("1500.00"));
            assertThat(deal.contactRef()).isEqualTo(CONNECTION.ref("42"));
        });
    }

    @Test
    void acceptsASignatureListDuringSecretRotation() throws Exception {
        var genuine = signed(SignedWebhookContractTest.CONTACT_EVENT, NOW, SECRET);
        String both = "v1=00ff," + genuine.header(WebhookSignature.SIGNATURE_HEADER).orElseThrow();
        var rotated = new WebhookRequest("application/json", Map.of(
                WebhookSignature.TIMESTAMP_HEADER, List.of(genuine.header(WebhookSignature.TIMESTAMP_HEADER).orElseThrow()),
                WebhookSignature.SIGNATURE_HEADER, List.of(both)), "", genuine.body(), NOW);

        connector.verify(CONNECTION, rotated);
    }

    @Test
    void rejectionNeverRevealsTheSecret() {
        assertThatThrownBy(() -> connector.verify(CONNECTION, signed("{}", NOW, "other")))
                .isInstanceOf(WebhookRejectedException.class)
                .message().doesNotContain(SECRET);
    }

    @Test
    void aTimestampThatIsNotUnixSecondsIsRejectedNotAnError() {
        for (String timestamp : List.of("9223372036854775807", "-1", "1e9", "abc", " ", "99999999999999999999")) {
            var request = new WebhookRequest("application/json", Map.of(
                    WebhookSignature.TIMESTAMP_HEADER, List.of(timestamp),
                    WebhookSignature.SIGNATURE_HEADER, List.of("v1=00")), "", "{}".getBytes(), NOW);

            assertThatThrownBy(() -> connector.verify(CONNECTION, request)).as(timestamp)
                    .isInstanceOf(WebhookRejectedException.class);
        }
    }

    @Test
    void missingEventIdIsMalformed() {
        assertThatThrownBy(() -> connector.dedupKey(CONNECTION, signed("{\"type\":\"contact.deleted\"}", NOW, SECRET)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("'id'");
    }
}
