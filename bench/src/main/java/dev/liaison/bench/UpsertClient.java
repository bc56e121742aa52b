package dev.liaison.bench;

import dev.liaison.connectors.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts the upsert plan's events to the webhook endpoint. The workers of a run share one cursor over the plan, so
 * that each event is sent once whichever worker sends it.
 */
final class UpsertClient implements LoadClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int ACCEPTED = 202;

    private final HttpClient http;
    private final URI endpoint;
    private final ContactEvents events;
    private final UpsertPlan plan;
    private final AtomicInteger cursor;

    UpsertClient(HttpClient http, URI endpoint, ContactEvents events, UpsertPlan plan, AtomicInteger cursor) {
        this.http = http;
        this.endpoint = endpoint;
        this.events = events;
        this.plan = plan;
        this.cursor = cursor;
    }

    @Override
    public void send(long sequence) throws IOException, InterruptedException, RequestFailed {
        SignedDelivery delivery = events.about(plan.people().get(cursor.getAndIncrement()), Instant.now());
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, delivery.timestamp())
                .header(WebhookSignature.SIGNATURE_HEADER, delivery.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != ACCEPTED) {
            throw new RequestFailed("HTTP " + status);
        }
    }

    /** The HTTP client is shared by all workers and outlives the run. */
    @Override
    public void close() {
    }
}
