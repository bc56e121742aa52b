package dev.liaison.it;

import static org.awaitility.Awaitility.await;

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
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Talks to a running Liaison the way a CRM admin's browser and a signing webhook sender would. */
final class LiaisonClient {

    record Reply(int status, String contentType, String body, String etag) {

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

    /** The embedded admin's password in every server the ITs start (arquillian.xml, {@link LiaisonServer}). */
    static final String ADMIN_PASSWORD = "it-admin-password";

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Signed in as the embedded admin, who has every role. */
    LiaisonClient(URI base) {
        this(base, basic("admin", ADMIN_PASSWORD));
    }

    private LiaisonClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same server with another {@code Authorization} header, or none when null. */
    LiaisonClient withAuthorization(String authorization) {
        return new LiaisonClient(base, authorization);
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    Reply send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, Map.of());
    }

    /** As {@link #send(String, String, String, String)}, with further request headers (e.g. {@code If-Match}). */
    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return send(request);
    }

    /** Creates a signed-webhook connection and returns its id. */
    String createWebhookConnection(String secret) {
        Reply created = postJson("api/admin/connections", "{\"kind\":\"webhook\",\"name\":\"" + uniqueName("it")
                + "\",\"settings\":{\"signingSecret\":\"" + secret + "\"}}");
        if (created.status() != 201) {
            throw new AssertionError("connection not created: " + created);
        }
        return created.json().getString("id");
    }

    /** Connection names are unique per workspace, and the ITs share one server: each creation takes a new one. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Reply deliver(String connectionId, String secret, String body) {
        return send(signedDelivery(connectionId, secret, body));
    }

    /** A signed delivery with a request id, and the answer's {@code X-Request-Id}. */
    HttpResponse<String> deliver(String connectionId, String secret, String body, String requestId) {
        try {
            return http.send(signedDelivery(connectionId, secret, body).header("X-Request-Id", requestId)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private HttpRequest.Builder signedDelivery(String connectionId, String secret, String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = new WebhookSignature(secret, Duration.ofMinutes(5)).sign(timestamp, bytes);
        return HttpRequest.newBuilder(base.resolve("hooks/" + connectionId))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    /** Posts a webhook body with the connector's own authentication headers. */
    Reply sendHook(String connectionId, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("hooks/" + connectionId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** Posts a Zendesk webhook signed as Zendesk signs it: Base64 HMAC-SHA256 of the timestamp and the body. */
    Reply deliverZendesk(String connectionId, String secret, String body) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
            return withAuthorization(null).sendHook(connectionId, body, Map.of("X-Zendesk-Webhook-Signature",
                    signature, "X-Zendesk-Webhook-Signature-Timestamp", timestamp));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Disconnects every active connection of the workspace. Erasure fans out to every active connection that can
     * erase, and the other ITs' connections in this server point at fakes long stopped: a test that counts on its
     * erasure completing starts from here.
     */
    void disconnectEverything() {
        for (JsonObject connection : get("api/admin/connections").jsonArray().getValuesAs(JsonObject.class)) {
            if ("ACTIVE".equals(connection.getString("status"))) {
                Reply disconnected = send("DELETE", "api/admin/connections/" + connection.getString("id"), null, null);
                if (disconnected.status() != 204) {
                    throw new AssertionError("not disconnected: " + disconnected);
                }
            }
        }
    }

    /** Creates an e-mail connection that sends through the server's mail session, under that (unique) name. */
    void createEmailConnection(String name) {
        Reply created = postJson("api/admin/connections", "{\"kind\":\"email\",\"name\":\"" + name
                + "\",\"settings\":{\"from\":\"Shop <service@shop.example>\"}}");
        if (created.status() != 201) {
            throw new AssertionError("e-mail connection not created: " + created);
        }
    }

    /**
     * Saves a scenario that, on every consent granted, waits (a database timer) and then sends the person one service
     * e-mail through the named e-mail connection: what the wait tests count. Returns the scenario's name.
     */
    String saveWaitThenThankScenario(String mailConnection, Duration wait) {
        String scenario = "thanks-later-" + UUID.randomUUID().toString().substring(0, 8);
        Reply saved = send("POST", "api/admin/scenarios", "application/yaml", """
                scenario: %s
                trigger: { event: consent.granted }
                steps:
                  - wait: %s
                  - send:
                      connection: %s
                      channel: email
                      purpose: service
                      subject: Thank you
                      text: "You agreed to ${event.purpose} by ${event.channel}."
                """.formatted(scenario, wait, mailConnection));
        if (saved.status() != 201) {
            throw new AssertionError("scenario not saved: " + saved);
        }
        return scenario;
    }

    JsonObject inbox(String connectionId) {
        return get("api/admin/connections/" + connectionId).json().getJsonObject("inbox");
    }

    /**
     * A new person, delivered through a new signed webhook connection, who then agrees to marketing e-mail through
     * the API: what the messaging tests start from. Returns the profile id.
     */
    String personWithNewsletterConsent(String webhookSecret) {
        String connection = createWebhookConnection(webhookSecret);
        String contactId = UUID.randomUUID().toString();
        deliver(connection, webhookSecret, contactEvent("evt-" + contactId, contactId));
        String profileId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            Reply found = get("api/profiles?email=person-" + contactId + "@example.com");
            return found.status() == 200 && !found.jsonArray().isEmpty()
                    ? found.jsonArray().getJsonObject(0).getString("id") : null;
        }, id -> id != null);
        Reply granted = postJson("api/profiles/" + profileId + "/consents",
                "{\"purpose\":\"marketing_email\",\"channel\":\"email\",\"decision\":\"GRANTED\",\"evidence\":"
                        + "{\"noticeVersion\":\"news-v1\",\"noticeText\":\"Send me news\",\"collectionMethod\":\"web form\"}}");
        if (granted.status() != 201) {
            throw new AssertionError("consent not recorded: " + granted);
        }
        return profileId;
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
                    response.body(), response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
