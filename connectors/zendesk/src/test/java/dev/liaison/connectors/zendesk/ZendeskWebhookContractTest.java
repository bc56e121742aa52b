package dev.liaison.connectors.zendesk;

import static dev.liaison.connectors.zendesk.ZendeskFixtures.NOW;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.SECRET;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.TICKET_CREATED;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.USER_CREATED;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.VECTOR_SIGNATURE;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.VECTOR_TIMESTAMP;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.signed;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connector.testkit.WebhookReceiverContract;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

class ZendeskWebhookContractTest extends WebhookReceiverContract {

    private final ZendeskConnector connector =
            new ZendeskConnector(ZendeskFixtures.remoteCalls(new ArrayList<>(), Clock.fixed(NOW, ZoneOffset.UTC)),
                    Clock.fixed(NOW, ZoneOffset.UTC), duration -> { });

    @Override
    protected WebhookReceiver receiver() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return ZendeskFixtures.connection();
    }

    /** Byte for byte the delivery of the §6 vector, signature included. */
    @Override
    protected WebhookRequest genuineDelivery() {
        return ZendeskFixtures.delivery(USER_CREATED.getBytes(StandardCharsets.UTF_8), VECTOR_TIMESTAMP,
                VECTOR_SIGNATURE);
    }

    @Override
    protected WebhookRequest anotherGenuineDelivery() {
        return signed(TICKET_CREATED);
    }

    @Override
    protected Map<String, WebhookRequest> forgedDeliveries() {
        byte[] body = USER_CREATED.getBytes(StandardCharsets.UTF_8);
        Map<String, WebhookRequest> forged = new LinkedHashMap<>();
        forged.put("signed by another account's webhook", signed(USER_CREATED, VECTOR_TIMESTAMP,
                "c2lnbmluZy1zZWNyZXQtb2YtYW5vdGhlci1hY2NvdW50"));
        forged.put("body changed after signing", ZendeskFixtures.delivery(
                USER_CREATED.replace("ivan@", "eve@").getBytes(StandardCharsets.UTF_8), VECTOR_TIMESTAMP,
                VECTOR_SIGNATURE));
        forged.put("timestamp changed after signing", ZendeskFixtures.delivery(body, "2024-04-17T17:18:11Z",
                VECTOR_SIGNATURE));
        forged.put("replayed after the five-minute window", signed(USER_CREATED, NOW.minusSeconds(301).toString(),
                SECRET));
        forged.put("timestamp from the future", signed(USER_CREATED, NOW.plusSeconds(301).toString(), SECRET));
        forged.put("no signature", ZendeskFixtures.delivery(body, VECTOR_TIMESTAMP, null));
        forged.put("no timestamp", ZendeskFixtures.delivery(body, null, VECTOR_SIGNATURE));
        forged.put("unix timestamp instead of ISO-8601", signed(USER_CREATED,
                Long.toString(NOW.getEpochSecond()), SECRET));
        forged.put("hex instead of base64", ZendeskFixtures.delivery(body, VECTOR_TIMESTAMP,
                "0891fa19f827d6aa357702c3fb8c4235"));
        return forged;
    }

    @Override
    protected Map<String, WebhookRequest> malformedDeliveries() {
        Map<String, WebhookRequest> malformed = new LinkedHashMap<>();
        malformed.put("not JSON", signed("type=zen:event-type:user.created"));
        malformed.put("a JSON array", signed("[" + USER_CREATED + "]"));
        malformed.put("neither an event nor the trigger template", signed("{\"ticket\":{\"id\":\"1\"}}"));
        malformed.put("organization event", signed(USER_CREATED.replace("user.created", "organization.created")));
        malformed.put("event without detail", signed(USER_CREATED.replaceAll(",\"detail\":\\{[^}]*}", "")));
        malformed.put("user event without user id", signed(USER_CREATED.replace("\"id\":\"6596848315901\",", "")));
        malformed.put("event time not a date", signed(USER_CREATED.replace("\"time\":\"2024-04-17T17:18:10Z\"",
                "\"time\":\"yesterday\"")));
        malformed.put("trigger with an unknown event", signed(ZendeskWebhookTest.TRIGGER_CREATED
                .replace("\"event\":\"ticket.created\"", "\"event\":\"ticket.merged\"")));
        malformed.put("trigger without created_at", signed(ZendeskWebhookTest.TRIGGER_CREATED
                .replace("\"created_at\":\"2024-04-17T17:18Z\",", "")));
        return malformed;
    }
}
