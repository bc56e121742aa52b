package dev.liaison.connectors.bitrix24;

import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.CONTACT_UPDATE;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.SDK_CONTACT_ADD;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.delivery;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookRejectedException;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerificationTest {

    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>());

    @Test
    void theDocumentedOutgoingWebhookBodyIsAccepted() {
        assertThatCode(() -> connector.verify(Bitrix24Fixtures.connection(), delivery(CONTACT_UPDATE)))
                .doesNotThrowAnyException();
    }

    @Test
    void anAppEventCapturedFromTheSdkIsAcceptedByTheConnectionOfItsOwnPortal() {
        ConnectionContext playground = Bitrix24Fixtures.connection("https://bitrix24-php-sdk-playground.bitrix24.com",
                Map.of(Bitrix24Settings.PORTAL_URL, "https://bitrix24-php-sdk-playground.bitrix24.com",
                        Bitrix24Settings.APPLICATION_TOKEN, "3c6c9248ec54af6bea1159b43ee0ab32",
                        Bitrix24Settings.MEMBER_ID, "010b6886ebc205e43ae65000ee00addb"));

        assertThatCode(() -> connector.verify(playground, delivery(SDK_CONTACT_ADD))).doesNotThrowAnyException();
        assertThatThrownBy(() -> connector.verify(playground, delivery(CONTACT_UPDATE)))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void anExplicitDomainSettingIsPinnedInsteadOfThePortalHost() {
        ConnectionContext renamed = Bitrix24Fixtures.connection("https://crm.example.com",
                Map.of(Bitrix24Settings.PORTAL_URL, "https://crm.example.com",
                        Bitrix24Settings.DOMAIN, "Example.Bitrix24.ru"));

        assertThatCode(() -> connector.verify(renamed, delivery(CONTACT_UPDATE))).doesNotThrowAnyException();
    }

    @Test
    void theRejectionSaysWhatFailedButNeverQuotesTheToken() {
        String forged = CONTACT_UPDATE.replace("jvh9y1ulvt2m6k5or90v9mg8nn32ozas", "0000000000000000000000000000000");

        assertThatThrownBy(() -> connector.verify(Bitrix24Fixtures.connection(), delivery(forged)))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("application_token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("jvh9y1", "000000"));
    }

    @Test
    void aConnectionWithoutTokenRejectsEverything() {
        ConnectionContext unfinished = Bitrix24Fixtures.connection("https://example.bitrix24.ru",
                Map.of(Bitrix24Settings.APPLICATION_TOKEN, ""));

        assertThatThrownBy(() -> connector.verify(unfinished, delivery(CONTACT_UPDATE)))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("b24-1")
                .hasMessageContaining(Bitrix24Settings.APPLICATION_TOKEN);
    }

    @Test
    void eventNamesAreMatchedWhateverTheirCase() throws Exception {
        String camel = event("onCrmContactUpdate", 89, 1724696255);

        assertThat(connector.dedupKey(Bitrix24Fixtures.connection(), delivery(camel)))
                .isEqualTo(connector.dedupKey(Bitrix24Fixtures.connection(), delivery(CONTACT_UPDATE)))
                .isEqualTo("ONCRMCONTACTUPDATE:89:1724696255");
    }

    @Test
    void theDedupKeyIgnoresWhichSubscriptionDeliveredTheEvent() throws Exception {
        String viaSecondHandler = CONTACT_UPDATE.replace("event_handler_id=975", "event_handler_id=976");

        assertThat(connector.dedupKey(Bitrix24Fixtures.connection(), delivery(viaSecondHandler)))
                .isEqualTo("ONCRMCONTACTUPDATE:89:1724696255");
        assertThat(connector.dedupKey(Bitrix24Fixtures.connection(), delivery(event("ONCRMLEADUPDATE", 89, 1724696255))))
                .isEqualTo("ONCRMLEADUPDATE:89:1724696255");
    }
}
