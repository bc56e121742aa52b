package dev.liaison.bench;

import dev.liaison.connectors.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes signed contact.upserted deliveries of a realistic size, each with its own event id so that every one is a
 * new inbox row rather than a cheap duplicate. The people in them are made up.
 */
final class Deliveries {

    /** About what a CRM sends for one contact change. */
    static final int BODY_BYTES = 600;

    private final WebhookSignature signature;

    Deliveries(String signingSecret) {
        // The tolerance only matters when verifying; the server's default is used for symmetry.
        this.signature = new WebhookSignature(signingSecret, Duration.ofMinutes(5));
    }

    SignedDelivery next(long sequence, Instant now) {
        byte[] body = body(sequence);
        String timestamp = Long.toString(now.getEpochSecond());
        return new SignedDelivery(eventId(sequence), body, timestamp, signature.sign(timestamp, body));
    }

    static String eventId(long sequence) {
        return "evt-" + sequence;
    }

    static byte[] body(long sequence) {
        String head = "{\"id\":\"" + eventId(sequence) + "\",\"type\":\"contact.upserted\","
                + "\"occurredAt\":\"2026-11-23T09:00:00Z\",\"data\":{\"id\":\"" + sequence + "\","
                + "\"firstName\":\"Bench\",\"lastName\":\"Person " + sequence + "\","
                + "\"emails\":[\"person-" + sequence + "@example.com\"],\"phones\":[\"+31 20 555 0100\"],"
                + "\"language\":\"nl\",\"company\":\"Example Trading B.V.\","
                + "\"attributes\":{\"source\":\"benchmark\",\"notes\":\"";
        String tail = "\"}}}";
        int padding = Math.max(0, BODY_BYTES - head.length() - tail.length());
        return (head + "x".repeat(padding) + tail).getBytes(StandardCharsets.US_ASCII);
    }
}
