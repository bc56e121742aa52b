package dev.liaison.bench;

import dev.liaison.connectors.zendesk.ZendeskSignature;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

/** The two ways a benchmark ticket reaches the fake Zendesk's PUT. */
final class TicketPaths {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private TicketPaths() {
    }

    /**
     * Through Liaison: a signed ticket.created webhook to the Zendesk connection's endpoint, acknowledged by 202;
     * Liaison's inbox, rules and outbox make the GET and the PUT.
     */
    static RoutingRun.Path throughLiaison(HttpClient http, URI webhook, ZendeskWebhooks webhooks) {
        return ticket -> {
            ZendeskWebhooks.Signed delivery = webhooks.ticketCreated(ticket, Instant.now());
            HttpRequest request = HttpRequest.newBuilder(webhook)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Zendesk Webhook")
                    .header(ZendeskSignature.TIMESTAMP_HEADER, delivery.timestamp())
                    .header(ZendeskSignature.SIGNATURE_HEADER, delivery.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                    .build();
            return () -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> expect(response, 202));
        };
    }

    /**
     * The ceiling: the benchmark itself makes the two calls Liaison makes for a ticket, the GET that reads its tags
     * and the PUT with the same decision, over the same loopback, so that the difference to the path through
     * Liaison is Liaison's own work and waiting.
     */
    static RoutingRun.Path direct(HttpClient http, URI zendesk) {
        return ticket -> {
            URI uri = zendesk.resolve("/api/v2/tickets/" + ticket.id() + ".json");
            HttpRequest read = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", ZendeskTicketFake.AUTHORIZATION).header("Accept", "application/json")
                    .GET().build();
            HttpRequest update = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", ZendeskTicketFake.AUTHORIZATION).header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(update(ticket))).build();
            return () -> http.sendAsync(read, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> expect(response, 200))
                    .thenCompose(ignored -> http.sendAsync(update, HttpResponse.BodyHandlers.ofString()))
                    .thenApply(response -> expect(response, 200));
        };
    }

    /** The update Liaison sends for the ticket's decision (facts 3.2), with a note of about the same length. */
    static String update(RoutedTicket ticket) {
        JsonObjectBuilder fields = Json.createObjectBuilder()
                .add("group_id", ticket.expectedGroup());
        if (ticket.urgent()) {
            fields.add("assignee_id", 901);
        }
        return Json.createObjectBuilder().add("ticket", fields
                .add("priority", ticket.expectedPriority())
                .add("tags", Json.createArrayBuilder(ticket.expectedTags()))
                .add("safe_update", true)
                .add("updated_stamp", RoutedTicket.UPDATED_AT)
                .add("comment", Json.createObjectBuilder()
                        .add("body", "Routed by the ceiling run: the decision the rules make, sent directly.")
                        .add("public", false)))
                .build().toString();
    }

    private static <T> HttpResponse<T> expect(HttpResponse<T> response, int status) {
        if (response.statusCode() != status) {
            throw new CompletionException(new RequestFailed("HTTP " + response.statusCode()));
        }
        return response;
    }
}
