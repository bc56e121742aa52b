package dev.liaison.bench;

import dev.liaison.connectors.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Signed contact.upserted deliveries about one person of the {@link Population} each: their external record id,
 * e-mail and national-form phone, so that processing one resolves the person's profile by all three identities
 * and applies their attributes. The people are made up.
 */
final class ContactEvents {

    private final WebhookSignature signature;

    ContactEvents(String signingSecret) {
        // The tolerance only matters when verifying; the server's default is used for symmetry.
        this.signature = new WebhookSignature(signingSecret, Duration.ofMinutes(5));
    }

    SignedDelivery about(long person, Instant now) {
        byte[] body = body(person, now);
        String timestamp = Long.toString(now.getEpochSecond());
        return new SignedDelivery(eventId(person), body, timestamp, signature.sign(timestamp, body));
    }

    /** One event per person and run, so the person's number makes the event id unique. */
    static String eventId(long person) {
        return "upsert-" + person;
    }

    /** {@code lastName} is new to every profile: the loaded ones only have a firstName, which it also updates. */
    static byte[] body(long person, Instant occurredAt) {
        return ("{\"id\":\"" + eventId(person) + "\",\"type\":\"contact.upserted\","
                + "\"occurredAt\":\"" + occurredAt.truncatedTo(ChronoUnit.SECONDS) + "\","
                + "\"data\":{\"id\":\"" + Population.externalId(person) + "\","
                + "\"firstName\":\"Updated\",\"lastName\":\"Bench\","
                + "\"emails\":[\"" + Population.email(person) + "\"],"
                + "\"phones\":[\"" + Population.phoneNational(person) + "\"],"
                + "\"language\":\"ru\"}}").getBytes(StandardCharsets.US_ASCII);
    }
}
