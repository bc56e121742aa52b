package dev.liaison.it;

import dev.liaison.connectors.webhook.WebhookSignature;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Talks to a running Liaison the way a CRM admin's browser and a signing webhook sender would. */
final class LiaisonClient {

    record Reply(int status, String contentType, String body) {

        JsonObject json() {
            return (JsonObject) parse();
        }

        JsonArray jsonArray() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LiaisonClient(URI base) {
        this.base = base;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Reply postJson(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Creates a signed-webhook connection and returns its id. */
    String createWebhookConnection(String secret) {
        Reply created = postJson("api/admin/connections",
                "{\"kind\":\"webhook\",\"name\":\"it\",\"settings\":{\"signingSecret\":\"" + secret + "\"}}");
        if (created.status() != 201) {
            throw new AssertionError("connection not created: " + created);
        }
        return created.json().getString("id");
    }

    Reply deliver(String connectionId, String secret, String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = new WebhookSignature(secret, Duration.ofMinutes(5)).sign(timestamp, bytes);
        return send(HttpRequest.newBuilder(base.resolve("hooks/" + connectionId))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    JsonObject inbox(String connectionId) {
        return get("api/admin/connections/" + connectionId).json().getJsonObject("inbox");
    }

    static String contactEvent(String eventId, String contactId) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"contact.upserted\",\"occurredAt\":\"2026-11-23T09:00:00Z\","
                + "\"data\":{\"id\":\"" + contactId + "\",\"emails\":[\"person-" + contactId + "@example.com\"]}}";
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
