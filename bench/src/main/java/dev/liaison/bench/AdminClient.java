package dev.liaison.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one admin call the benchmark needs: creating the signed-webhook connection the deliveries go to. */
final class AdminClient {

    /** The connection's id is the first field of the ConnectionView the API answers with. */
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final URI connections;

    AdminClient(HttpClient http, URI serverBase) {
        this.http = http;
        this.connections = serverBase.resolve("/api/admin/connections");
    }

    /** @return the new connection's id */
    String createWebhookConnection(String name, String signingSecret) throws IOException, InterruptedException {
        String body = "{\"kind\":\"webhook\",\"name\":\"" + name + "\",\"settings\":{\"signingSecret\":\""
                + signingSecret + "\"}}";
        HttpRequest request = HttpRequest.newBuilder(connections)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchSettings.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("creating the benchmark connection answered HTTP " + response.statusCode());
        }
        return id.group(1);
    }
}
