package dev.liaison.connectors.sms;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connector.testkit.WebhookReceiverContract;
import java.util.LinkedHashMap;
import java.util.Map;

class SmsRuWebhookContractTest extends WebhookReceiverContract {

    static final String API_ID = "F2D79B58-A5A2-2F9E-91C8-73D12CE2E102";
    static final String DELIVERED = "sms_status\n000000-10000001\n103\n1713374290";
    static final String SENT = "sms_status\n000000-10000002\n102\n1713374250";

    static ConnectionContext smsRu() {
        return SmsFixtures.connection(SmsRuConnector.KIND, Map.of(SmsRuConnector.API_ID, API_ID));
    }

    static WebhookRequest callback(String... records) {
        String[] params = new String[records.length * 2];
        for (int i = 0; i < records.length; i++) {
            params[2 * i] = "data[" + i + "]";
            params[2 * i + 1] = records[i];
        }
        return SmsFixtures.delivery(SmsFixtures.secretQuery(), SmsFixtures.form(params), Map.of());
    }

    @Override
    protected WebhookReceiver receiver() {
        return new SmsRuConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK);
    }

    @Override
    protected ConnectionContext connection() {
        return smsRu();
    }

    @Override
    protected WebhookRequest genuineDelivery() {
        return callback(DELIVERED, SENT);
    }

    @Override
    protected WebhookRequest anotherGenuineDelivery() {
        return callback(DELIVERED.replace("\n103\n", "\n102\n"));
    }

    @Override
    protected Map<String, WebhookRequest> forgedDeliveries() {
        String body = SmsFixtures.form("data[0]", DELIVERED);
        Map<String, WebhookRequest> forged = new LinkedHashMap<>();
        forged.put("no secret in the URL", SmsFixtures.delivery("", body, Map.of()));
        forged.put("another connection's secret", SmsFixtures.delivery("secret=guessed", body, Map.of()));
        forged.put("hash over other records", SmsFixtures.delivery(SmsFixtures.secretQuery(),
                SmsFixtures.form("data[0]", DELIVERED, "hash", Digests.sha256Hex(API_ID + SENT)), Map.of()));
        return forged;
    }

    @Override
    protected Map<String, WebhookRequest> malformedDeliveries() {
        Map<String, WebhookRequest> malformed = new LinkedHashMap<>();
        malformed.put("no data[i] fields", SmsFixtures.delivery(SmsFixtures.secretQuery(),
                SmsFixtures.form("sms_id", "000000-10000001", "status", "103"), Map.of()));
        malformed.put("record without a status code", callback("sms_status\n000000-10000001"));
        malformed.put("status code not a number", callback("sms_status\n000000-10000001\ndelivered\n1713374290"));
        malformed.put("unknown status code", callback("sms_status\n000000-10000001\n999\n1713374290"));
        malformed.put("broken %-escape", SmsFixtures.delivery(SmsFixtures.secretQuery(), "data%5B0%5D=%zz",
                Map.of()));
        return malformed;
    }
}
