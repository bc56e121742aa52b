package dev.liaison.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin calls the benchmarks need: the signed-webhook connection the deliveries go to, and an API key for the
 * API clients (the admin's own password would cost a bcrypt verification on every request).
 */
final class AdminClient {

    /** The connection's id is the first field of the ConnectionView the API answers with. */
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final URI connections;
    private final URI apiKeys;

    AdminClient(HttpClient http, URI serverBase) {
        this.http = http;
        this.connections = serverBase.resolve("/api/admin/connections");
        this.apiKeys = serverBase.resolve("/api/admin/api-keys");
    }

    /**
     * Creates a connection named {@code name} and a random suffix: names are unique per workspace, and a benchmark may
     * run against a server that kept an earlier run's connections.
     *
     * @return the new connection's id
     */
    String createWebhookConnection(String name, String signingSecret) throws IOException, InterruptedException {
        String body = "{\"kind\":\"webhook\",\"name\":\"" + name + "-" + UUID.randomUUID()
                + "\",\"settings\":{\"signingSecret\":\""
                + signingSecret + "\"}}";
        HttpResponse<String> response = post(connections, body);
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("creating the benchmark connection answered HTTP " + response.statusCode());
        }
        return id.group(1);
    }

    /** @return the {@code Authorization} header value of a new API key holding {@code role} */
    String createApiKey(String name, String role) throws IOException, InterruptedException {
        HttpResponse<String> response = post(apiKeys, "{\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"]}");
        Matcher id = ID.matcher(response.body());
        Matcher secret = SECRET.matcher(response.body());
        if (response.statusCode() != 201 || !id.find() || !secret.find()) {
            throw new IllegalStateException("creating the benchmark API key answered HTTP " + response.statusCode());
        }
        return "Basic " + Base64.getEncoder().encodeToString((id.group(1) + ":" + secret.group(1))
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(URI target, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchSettings.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
