package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.support.RateLimit;
import dev.liaison.connectors.support.RemoteHttp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Zendesk Support API as one connection sees it. Every call goes through {@link RemoteHttp} (rate limit,
 * Retry-After, backoff, breaker, timeout); this class adds Zendesk's auth header, reads its quota headers and
 * turns the statuses RemoteHttp hands back into results or {@link RemoteSystemException}s.
 */
final class ZendeskApi {

    /** Below this many requests left in the window, calls are held back until the window resets. */
    static final long LOW_REMAINING = 1;
    /** Zendesk's rate-limit windows are per minute; used when a response does not say when its window resets. */
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final RemoteHttp http;
    private final Clock clock;
    private final ConnectionContext connection;
    private final ZendeskSettings settings;

    ZendeskApi(RemoteHttp http, Clock clock, ConnectionContext connection) {
        this.http = http;
        this.clock = clock;
        this.connection = connection;
        this.settings = ZendeskSettings.of(connection);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonObject get(String path) throws RemoteSystemException {
        return find(path).orElseThrow(() -> RemoteSystemException.permanent(
                "Zendesk has no resource at GET " + withoutQuery(path)));
    }

    /** A GET whose 404 means "not there" rather than a failure. */
    Optional<JsonObject> find(String path) throws RemoteSystemException {
        HttpResponse<String> response = send(apiKey(), settings.apiLimit(), request(path).GET().build());
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(body(response));
    }

    /** An incremental export page; these endpoints have their own, much lower, limit and bucket. */
    JsonObject export(String path) throws RemoteSystemException {
        HttpResponse<String> response = send(exportKey(), settings.exportLimit(), request(path).GET().build());
        if (response.statusCode() == 404) {
            throw RemoteSystemException.permanent("Zendesk has no export at " + withoutQuery(path));
        }
        return body(response);
    }

    JsonObject put(String path, JsonObject payload) throws RemoteSystemException {
        HttpRequest request = request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(payload.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = send(apiKey(), settings.apiLimit(), request);
        if (response.statusCode() == 404) {
            throw RemoteSystemException.permanent("Zendesk has no resource at PUT " + withoutQuery(path));
        }
        return body(response);
    }

    /** @return false when there was nothing to delete (404), true when Zendesk deleted it */
    boolean delete(String path) throws RemoteSystemException {
        HttpResponse<String> response = send(apiKey(), settings.apiLimit(), request(path).DELETE().build());
        if (response.statusCode() == 404) {
            return false;
        }
        body(response);
        return true;
    }

    private String apiKey() {
        return connection.id();
    }

    private String exportKey() {
        return connection.id() + "#incremental-export";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(settings.baseUri() + path))
                .header("Authorization", settings.authorization())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(String key, RateLimit limit, HttpRequest request) throws RemoteSystemException {
        HttpResponse<String> response = http.send(key, limit, request);
        holdBackWhenQuotaIsLow(key, response.headers());
        int status = response.statusCode();
        if (status < 300 || status == 404) {
            return response;
        }
        String call = request.method() + " " + request.uri().getPath();
        if (status == 401 || status == 403) {
            throw RemoteSystemException.permanent("Zendesk refused the credentials of connection " + connection.id()
                    + " (HTTP " + status + " from " + call + ")");
        }
        if (status == 409) {
            throw RemoteSystemException.retryable("Zendesk reported a conflicting update (HTTP 409 from " + call + ")",
                    null);
        }
        throw RemoteSystemException.permanent("HTTP " + status + " from " + call + errorCode(response.body()));
    }

    /**
     * Zendesk counts every request against a per-minute quota and says what is left in {@code X-Rate-Limit-Remaining}
     * (list endpoints also in {@code ratelimit-remaining}, with {@code ratelimit-reset} in seconds). Waiting for the
     * reset before the quota runs out costs less than a 429 and its Retry-After.
     */
    private void holdBackWhenQuotaIsLow(String key, HttpHeaders headers) {
        OptionalLong remaining = number(headers, "X-Rate-Limit-Remaining");
        if (remaining.isEmpty()) {
            remaining = number(headers, "ratelimit-remaining");
        }
        if (remaining.isPresent() && remaining.getAsLong() <= LOW_REMAINING) {
            OptionalLong reset = number(headers, "ratelimit-reset");
            Duration wait = reset.isPresent() ? Duration.ofSeconds(reset.getAsLong()) : DEFAULT_WINDOW;
            http.pause(key, clock.instant().plus(wait));
        }
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static JsonObject body(HttpResponse<String> response) throws RemoteSystemException {
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return JsonFields.object(text);
        } catch (MalformedPayloadException e) {
            throw new RemoteSystemException("Zendesk answered " + response.request().method() + " "
                    + response.request().uri().getPath() + " with a body that is not a JSON object", true, null, e);
        }
    }

    /** Zendesk's error code ({@code "error":"RecordInvalid"}); its description and details may quote personal data. */
    private static String errorCode(String body) {
        try {
            String code = JsonFields.optionalText(JsonFields.object(body == null ? "" : body), "error");
            return code == null ? "" : ": " + code;
        } catch (MalformedPayloadException e) {
            return "";
        }
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
