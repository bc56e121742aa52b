package dev.liaison.connectors.webhook;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connector.testkit.WebhookReceiverContract;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class SignedWebhookContractTest extends WebhookReceiverContract {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String SECRET = "whsec-test-0123456789";
    static final ConnectionContext CONNECTION = new ConnectionContext(
            "c-1", "default", SignedWebhookConnector.KIND, Map.of(SignedWebhookConnector.SIGNING_SECRET, SECRET));

    static final String CONTACT_EVENT = """
            {"id":"evt-1","type":"contact.upserted","occurredAt":"2026-11-23T09:59:00Z",
             "data":{"id":"42","firstName":"Anna","emails":["anna@example.com"],"phones":["8 903 145-34-55"]}}""";
    static final String DEAL_EVENT = """
            {"id":"evt-2","type":"deal.stage_changed","occurredAt":"2026-11-23T09:59:30Z",
             "data":{"id":"D-7","contactId":"42","stage":"WON","won":true,"amount":"1500.00","currency":"RUB"}}""";

    private final SignedWebhookConnector connector =
            new SignedWebhookConnector(Clock.fixed(NOW, ZoneOffset.UTC));

    static WebhookRequest signed(String body, Instant signedAt, String secret) {
        String timestamp = Long.toString(signedAt.getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = new WebhookSignature(secret, Duration.ofMinutes(5)).sign(timestamp, bytes);
        return new WebhookRequest("application/json", Map.of(
                WebhookSignature.TIMESTAMP_HEADER, List.of(timestamp),
                WebhookSignature.SIGNATURE_HEADER, List.of(signature)), "", bytes, NOW);
    }

    @Override
    protected WebhookReceiver receiver() {
        return connector;
    }

    @Override
    protected ConnectionContext connection() {
        return CONNECTION;
    }

    @Override
    protected WebhookRequest genuineDelivery() {
        return signed(CONTACT_EVENT, NOW.minusSeconds(2), SECRET);
    }

    @Override
    protected WebhookRequest anotherGenuineDelivery() {
        return signed(DEAL_EVENT, NOW.minusSeconds(1), SECRET);
    }

    @Override
    protected Map<String, WebhookRequest> forgedDeliveries() {
        WebhookRequest genuine = genuineDelivery();
        Map<String, WebhookRequest> forged = new LinkedHashMap<>();
        forged.put("signed with another secret", signed(CONTACT_EVENT, NOW, "not-the-secret"));
        forged.put("body changed after signing", new WebhookRequest(genuine.contentType(), genuine.headers(), "",
                DEAL_EVENT.getBytes(StandardCharsets.UTF_8), NOW));
        forged.put("replayed after the window", signed(CONTACT_EVENT, NOW.minus(Duration.ofMinutes(6)), SECRET));
        forged.put("no signature", new WebhookRequest("application/json", Map.of(), "",
                CONTACT_EVENT.getBytes(StandardCharsets.UTF_8), NOW));
        return forged;
    }

    @Override
    protected Map<String, WebhookRequest> malformedDeliveries() {
        Map<String, WebhookRequest> malformed = new LinkedHashMap<>();
        malformed.put("not JSON", signed("id=1&type=x", NOW, SECRET));
        malformed.put("unknown type", signed("""
                {"id":"e","type":"planet.exploded","occurredAt":"2026-11-23T09:00:00Z","data":{"id":"1"}}""", NOW, SECRET));
        malformed.put("bad timestamp", signed("""
                {"id":"e","type":"contact.deleted","occurredAt":"yesterday","data":{"id":"1"}}""", NOW, SECRET));
        malformed.put("consent without decision", signed("""
                {"id":"e","type":"consent.changed","occurredAt":"2026-11-23T09:00:00Z",
                 "data":{"id":"1","contactId":"42","purpose":"marketing_email","channel":"email"}}""", NOW, SECRET));
        return malformed;
    }
}
