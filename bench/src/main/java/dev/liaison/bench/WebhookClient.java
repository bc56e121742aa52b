package dev.liaison.bench;

import dev.liaison.connectors.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** Posts signed deliveries to the webhook endpoint; 202 means the server committed the inbox row. */
final class WebhookClient implements LoadClient {

    private static final int ACCEPTED = 202;

    private final KeepAliveConnection connection;
    private final String path;
    private final Deliveries deliveries;

    WebhookClient(URI endpoint, Deliveries deliveries) {
        this.connection = new KeepAliveConnection(endpoint);
        this.path = endpoint.getRawPath();
        this.deliveries = deliveries;
    }

    @Override
    public void send(long sequence) throws IOException, RequestFailed {
        SignedDelivery delivery = deliveries.next(sequence, Instant.now());
        int status = connection.exchange("POST", path, Map.of(
                "Content-Type", "application/json",
                WebhookSignature.TIMESTAMP_HEADER, delivery.timestamp(),
                WebhookSignature.SIGNATURE_HEADER, delivery.signature()), delivery.body()).status();
        if (status != ACCEPTED) {
            throw new RequestFailed("HTTP " + status);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
