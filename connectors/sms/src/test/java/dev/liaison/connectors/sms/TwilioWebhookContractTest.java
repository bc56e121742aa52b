package dev.liaison.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.DeliveryStatusChanged;
import dev.liaison.connector.api.DeliveryStatusChanged.DeliveryStatus;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connector.testkit.WebhookReceiverContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioWebhookContractTest extends WebhookReceiverContract {

    private static final String SID = "SM0123456789abcdef0123456789abcdef";

    private final TwilioConnector connector = new TwilioConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK);

    /** A status callback with the fields facts §4.3 lists, signed over the configured callback URL. */
    private static String statusBody(String status, String... extra) {
        String[] base = {"AccountSid", TwilioSendTest.ACCOUNT_SID, "ApiVersion", "2010-04-01", "From", "+15005550006",
                "MessageSid", SID, "MessageStatus", status, "SmsSid", SID, "SmsStatus", status, "To", "+79255070602"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return SmsFixtures.form(all);
    }

    private static WebhookRequest signed(String body, String token, String url) {
        try {
            return SmsFixtures.delivery("", body, Map.of(TwilioSignature.HEADER,
                    TwilioSignature.sign(token, url, Form.parse(body).params())));
        } catch (MalformedPayloadException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static WebhookRequest signed(String body) {
        return signed(body, TwilioSendTest.AUTH_TOKEN, TwilioSendTest.CALLBACK_URL);
    }

    @Override
    protected WebhookReceiver receiver() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return SmsFixtures.connection(TwilioConnector.KIND, Map.of(TwilioConnector.ACCOUNT_SID,
                TwilioSendTest.ACCOUNT_SID, TwilioConnector.AUTH_TOKEN, TwilioSendTest.AUTH_TOKEN,
                TwilioConnector.FROM, "+15005550006", TwilioConnector.CALLBACK_URL, TwilioSendTest.CALLBACK_URL));
    }

    @Override
    protected WebhookRequest genuineDelivery() {
        return signed(statusBody("delivered"));
    }

    @Override
    protected WebhookRequest anotherGenuineDelivery() {
        return signed(statusBody("sent"));
    }

    @Override
    protected Map<String, WebhookRequest> forgedDeliveries() {
        String body = statusBody("delivered");
        Map<String, WebhookRequest> forged = new LinkedHashMap<>();
        forged.put("no signature", SmsFixtures.delivery("", body, Map.of()));
        forged.put("signed with another token", signed(body, "fedcba9876543210fedcba9876543210",
                TwilioSendTest.CALLBACK_URL));
        forged.put("signed for another URL", signed(body, TwilioSendTest.AUTH_TOKEN,
                "https://attacker.example/hooks/conn-twilio"));
        forged.put("status changed after signing", SmsFixtures.delivery("", statusBody("failed"),
                Map.of(TwilioSignature.HEADER, signed(body).header(TwilioSignature.HEADER).orElseThrow())));
        forged.put("query added after signing", SmsFixtures.delivery("x=1", body,
                Map.of(TwilioSignature.HEADER, signed(body).header(TwilioSignature.HEADER).orElseThrow())));
        forged.put("another account, correctly signed", signed(statusBody("delivered")
                .replace(TwilioSendTest.ACCOUNT_SID, "AC" + "f".repeat(32))));
        return forged;
    }

    @Override
    protected Map<String, WebhookRequest> malformedDeliveries() {
        Map<String, WebhookRequest> malformed = new LinkedHashMap<>();
        malformed.put("no MessageSid", signed(SmsFixtures.form("MessageStatus", "delivered")));
        malformed.put("no MessageStatus", signed(SmsFixtures.form("MessageSid", SID)));
        malformed.put("not a message SID", signed(SmsFixtures.form("MessageSid", "SM1", "MessageStatus", "sent")));
        malformed.put("an inbound status", signed(statusBody("received")));
        malformed.put("ErrorCode not a number", signed(statusBody("failed", "ErrorCode", "x")));
        return malformed;
    }

    @Test
    void anUnsubscribedRecipientIsAHardRejection() throws Exception {
        List<?> events = connector.parse(connection(), signed(statusBody("failed", "ErrorCode", "21610")));
        assertThat(events).singleElement().isInstanceOfSatisfying(DeliveryStatusChanged.class, event -> {
            assertThat(event.status()).isEqualTo(DeliveryStatus.REJECTED);
            assertThat(event.detail()).isEqualTo("twilio failed, error 21610");
            assertThat(event.ref().id()).isEqualTo(SID);
        });
    }

    @Test
    void undeliveredIsAFailureWithItsCode() throws Exception {
        assertThat(connector.parse(connection(), signed(statusBody("undelivered", "ErrorCode", "30003"))))
                .singleElement().extracting(event -> ((DeliveryStatusChanged) event).status())
                .isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void theDedupKeyIsMessageAndStatus() throws Exception {
        assertThat(connector.dedupKey(connection(), genuineDelivery())).isEqualTo("twilio:" + SID + ":delivered");
    }
}
