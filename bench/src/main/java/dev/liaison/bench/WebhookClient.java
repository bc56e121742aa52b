package dev.liaison.bench;

import dev.liaison.connectors.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Posts signed deliveries to the webhook endpoint; 202 means the server committed the inbox row. */
final class WebhookClient implements LoadClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int ACCEPTED = 202;

    private final HttpClient http;
    private final URI endpoint;
    private final Deliveries deliveries;

    WebhookClient(HttpClient http, URI endpoint, Deliveries deliveries) {
        this.http = http;
        this.endpoint = endpoint;
        this.deliveries = deliveries;
    }

    @Override
    public void send(long sequence) throws IOException, InterruptedException, RequestFailed {
        SignedDelivery delivery = deliveries.next(sequence, Instant.now());
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
