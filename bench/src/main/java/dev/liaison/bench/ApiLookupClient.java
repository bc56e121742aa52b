package dev.liaison.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Looks a random loaded person up through {@code GET /api/profiles} and checks that the answer is exactly their
 * profile: a lookup that answers quickly with the wrong profile, or none, must not count as a fast lookup.
 */
final class ApiLookupClient implements LoadClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int OK = 200;

    private final HttpClient http;
    private final URI profiles;
    private final LookupKind kind;
    private final int population;

    ApiLookupClient(HttpClient http, URI serverBase, LookupKind kind, int population) {
        this.http = http;
        this.profiles = serverBase.resolve("/api/profiles");
        this.kind = kind;
        this.population = population;
    }

    @Override
    public void send(long sequence) throws IOException, InterruptedException, RequestFailed {
        long person = ThreadLocalRandom.current().nextLong(1, population + 1L);
        HttpRequest request = HttpRequest.newBuilder(URI.create(profiles + "?" + kind.apiQuery(person)))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", BenchSettings.adminAuthorization())
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != OK) {
            throw new RequestFailed("HTTP " + response.statusCode());
        }
        if (!ProfileAnswer.singleProfileId(response.body()).equals(Population.profileId(person))) {
            throw new RequestFailed("another person's profile");
        }
    }

    /** The HTTP client is shared by all workers and outlives the run. */
    @Override
    public void close() {
    }
}
