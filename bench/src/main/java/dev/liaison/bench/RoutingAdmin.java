package dev.liaison.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin calls the routing benchmark needs: a Zendesk connection pointing at the fake, and the rule set. */
final class RoutingAdmin {

    /** The connection's id is the first field of the ConnectionView the API answers with. */
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI server;

    RoutingAdmin(HttpClient http, URI server) {
        this.http = http;
        this.server = server;
    }

    /**
     * @param requestsPerMinute the API limit Liaison keeps to for this connection
     * @return the new connection's id
     */
    String createZendeskConnection(URI zendesk, String signingSecret, int requestsPerMinute)
            throws IOException, InterruptedException {
        String body = "{\"kind\":\"zendesk\",\"name\":\"bench-desk-" + UUID.randomUUID()
                + "\",\"settings\":{\"baseUrl\":\"" + zendesk
                + "\",\"email\":\"" + ZendeskTicketFake.EMAIL + "\",\"apiToken\":\"" + ZendeskTicketFake.API_TOKEN
                + "\",\"signingSecret\":\"" + signingSecret + "\",\"requestsPerMinute\":\"" + requestsPerMinute
                + "\"}}";
        HttpResponse<String> response = send("POST", "/api/admin/connections", "application/json", body);
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("creating the Zendesk connection answered HTTP " + response.statusCode());
        }
        return id.group(1);
    }

    void replaceRoutingRules(String yaml) throws IOException, InterruptedException {
        HttpResponse<String> response = send("PUT", "/api/admin/routing/rules", "application/yaml", yaml);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("storing the routing rules answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .header("Authorization", BenchSettings.adminAuthorization())
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
