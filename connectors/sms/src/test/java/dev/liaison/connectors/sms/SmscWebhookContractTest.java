package dev.liaison.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.DeliveryStatusChanged;
import dev.liaison.connector.api.DeliveryStatusChanged.DeliveryStatus;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connector.testkit.WebhookReceiverContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmscWebhookContractTest extends WebhookReceiverContract {

    private final SmscConnector connector = new SmscConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK);

    private static WebhookRequest callback(String... params) {
        return SmsFixtures.delivery(SmsFixtures.secretQuery(), SmsFixtures.form(params), Map.of());
    }

    @Override
    protected WebhookReceiver receiver() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return SmsFixtures.connection(SmscConnector.KIND, Map.of(SmscConnector.LOGIN, "acme",
                SmscConnector.PASSWORD, "not-a-real-password"));
    }

    @Override
    protected WebhookRequest genuineDelivery() {
        return callback("id", "1234", "phone", "79255070602", "status", "1");
    }

    @Override
    protected WebhookRequest anotherGenuineDelivery() {
        return callback("id", "1234", "phone", "79255070602", "status", "0");
    }

    @Override
    protected Map<String, WebhookRequest> forgedDeliveries() {
        String body = SmsFixtures.form("id", "1234", "phone", "79255070602", "status", "1");
        Map<String, WebhookRequest> forged = new LinkedHashMap<>();
        forged.put("no secret in the URL", SmsFixtures.delivery("", body, Map.of()));
        forged.put("wrong secret", SmsFixtures.delivery("secret=" + SmsFixtures.WEBHOOK_SECRET + "x", body, Map.of()));
        return forged;
    }

    @Override
    protected Map<String, WebhookRequest> malformedDeliveries() {
        Map<String, WebhookRequest> malformed = new LinkedHashMap<>();
        malformed.put("no id", callback("phone", "79255070602", "status", "1"));
        malformed.put("no status", callback("id", "1234", "phone", "79255070602"));
        malformed.put("status not a number", callback("id", "1234", "status", "delivered"));
        malformed.put("unknown status", callback("id", "1234", "status", "77"));
        malformed.put("err not a number", callback("id", "1234", "status", "20", "err", "x"));
        return malformed;
    }

    @Test
    void anUndeliverableStatusCarriesTheErrorCode() throws Exception {
        assertThat(connector.parse(connection(), callback("id", "1234", "phone", "79255070602", "status", "20",
                "err", "253"))).containsExactly(new DeliveryStatusChanged(new ExternalRef("smsc", "conn-smsc", "1234"),
                SmsFixtures.NOW, DeliveryStatus.FAILED, "smsc 20 cannot be delivered, err 253"));
    }

    @Test
    void theDedupKeyHoldsNoPhoneNumber() throws Exception {
        assertThat(connector.dedupKey(connection(), genuineDelivery())).isEqualTo("smsc:1234:1");
    }
}
