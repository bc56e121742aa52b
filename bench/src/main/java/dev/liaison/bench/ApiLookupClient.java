package dev.liaison.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Looks a random loaded person up through {@code GET /api/profiles} and checks that the answer is exactly their
 * profile: a lookup that answers quickly with the wrong profile, or none, must not count as a fast lookup.
 */
final class ApiLookupClient implements LoadClient {

    private static final int OK = 200;
    private static final byte[] NO_BODY = new byte[0];

    private final KeepAliveConnection connection;
    private final Map<String, String> headers;
    private final LookupKind kind;
    private final int population;

    ApiLookupClient(URI serverBase, String authorization, LookupKind kind, int population) {
        this.connection = new KeepAliveConnection(serverBase);
        this.headers = Map.of("Accept", "application/json", "Authorization", authorization);
        this.kind = kind;
        this.population = population;
    }

    @Override
    public void send(long sequence) throws IOException, RequestFailed {
        long person = ThreadLocalRandom.current().nextLong(1, population + 1L);
        KeepAliveConnection.Answer answer = connection.exchange("GET", "/api/profiles?" + kind.apiQuery(person),
                headers, NO_BODY);
        if (answer.status() != OK) {
            throw new RequestFailed("HTTP " + answer.status());
        }
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        if (!ProfileAnswer.singleProfileId(body).equals(Population.profileId(person))) {
            throw new RequestFailed("another person's profile");
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
