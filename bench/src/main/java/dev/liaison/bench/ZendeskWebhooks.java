package dev.liaison.bench;

import dev.liaison.connectors.zendesk.ZendeskSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Signed {@code zen:event-type:ticket.created} deliveries as a Zendesk event-subscription webhook sends them
 * (facts/external-apis.md 3.6), signed by {@link ZendeskSignature}: base64(HMAC-SHA256(secret, timestamp + raw
 * body)) with the ISO-8601 timestamp header used verbatim. That the signature is Zendesk's and not only what Liaison
 * expects, the connector's unit tests check against Zendesk's own example.
 */
final class ZendeskWebhooks {

    private final String signingSecret;

    ZendeskWebhooks(String signingSecret) {
        this.signingSecret = signingSecret;
    }

    /** One delivery, ready to post. */
    record Signed(byte[] body, String timestamp, String signature) {
    }

    Signed ticketCreated(RoutedTicket ticket, Instant now) {
        String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] body = body(ticket, timestamp);
        return new Signed(body, timestamp, ZendeskSignature.sign(signingSecret, timestamp, body));
    }

    /** The event id is derived from the ticket, so that each ticket is exactly one new inbox row. */
    static byte[] body(RoutedTicket ticket, String timestamp) {
        String id = Long.toString(ticket.id());
        String requester = Long.toString(ticket.requesterId());
        return ("{\"type\":\"zen:event-type:ticket.created\",\"account_id\":12514403,\"id\":\"bench-ticket-" + id
                + "\",\"time\":\"" + timestamp + "\",\"zendesk_event_version\":\"2022-11-06\",\"subject\":\"zen:ticket:"
                + id + "\",\"detail\":{\"actor_id\":\"" + requester + "\",\"assignee_id\":\"0\",\"created_at\":\""
                + timestamp + "\",\"description\":\"My order never arrived\",\"group_id\":\"0\",\"id\":\"" + id
                + "\",\"priority\":\"" + (ticket.urgent() ? "High" : "Normal") + "\",\"requester_id\":\"" + requester
                + "\",\"status\":\"Open\",\"subject\":\"Where is my order?\",\"submitter_id\":\"" + requester
                + "\",\"tags\":[\"" + String.join("\",\"", RoutedTicket.OWN_TAGS) + "\"],\"type\":\"question\","
                + "\"updated_at\":\"" + timestamp + "\",\"via\":{\"channel\":\"web\"}},\"event\":{}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
