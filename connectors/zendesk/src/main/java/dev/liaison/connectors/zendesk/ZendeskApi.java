package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.support.RateLimit;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Zendesk Support API as one connection sees it. Every call is a {@link ZendeskRest} endpoint sent through
 * {@link RemoteCalls} (rate limit, Retry-After, backoff, breaker, timeout); this class adds Zendesk's auth header,
 * reads its quota headers and turns the statuses RemoteCalls hands back into results or
 * {@link RemoteSystemException}s.
 */
final class ZendeskApi {

    /** Below this many requests left in the window, calls are held back until the window resets. */
    static final long LOW_REMAINING = 1;
    /** Zendesk's rate-limit windows are per minute; used when a response does not say when its window resets. */
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    /** One endpoint of {@link ZendeskRest}, called with the connection's {@code Authorization} value. */
    @FunctionalInterface
    interface Endpoint {
        Response call(ZendeskRest rest, String authorization);
    }

    private final RemoteCalls calls;
    private final Clock clock;
    private final ConnectionContext connection;
    private final ZendeskSettings settings;
    private final ZendeskRest rest;

    ZendeskApi(RemoteCalls calls, Clock clock, ConnectionContext connection) {
        this.calls = calls;
        this.clock = clock;
        this.connection = connection;
        this.settings = ZendeskSettings.of(connection);
        this.rest = calls.client(ZendeskRest.class, settings.baseUri());
    }

    JsonObject get(Endpoint endpoint) throws RemoteSystemException {
        Reply reply = send(apiKey(), settings.apiLimit(), endpoint);
        if (reply.status() == 404) {
            throw RemoteSystemException.permanent("Zendesk has no resource at GET " + reply.path());
        }
        return body(reply);
    }

    /** A GET whose 404 means "not there" rather than a failure. */
    Optional<JsonObject> find(Endpoint endpoint) throws RemoteSystemException {
        Reply reply = send(apiKey(), settings.apiLimit(), endpoint);
        return reply.status() == 404 ? Optional.empty() : Optional.of(body(reply));
    }

    /** An incremental export page; these endpoints have their own, much lower, limit and bucket. */
    JsonObject export(Endpoint endpoint) throws RemoteSystemException {
        Reply reply = send(exportKey(), settings.exportLimit(), endpoint);
        if (reply.status() == 404) {
            throw RemoteSystemException.permanent("Zendesk has no export at " + reply.path());
        }
        return body(reply);
    }

    JsonObject put(Endpoint endpoint) throws RemoteSystemException {
        Reply reply = send(apiKey(), settings.apiLimit(), endpoint);
        if (reply.status() == 404) {
            throw RemoteSystemException.permanent("Zendesk has no resource at PUT " + reply.path());
        }
        return body(reply);
    }

    /** @return false when there was nothing to delete (404), true when Zendesk deleted it */
    boolean delete(Endpoint endpoint) throws RemoteSystemException {
        Reply reply = send(apiKey(), settings.apiLimit(), endpoint);
        if (reply.status() == 404) {
            return false;
        }
        body(reply);
        return true;
    }

    private String apiKey() {
        return connection.id();
    }

    private String exportKey() {
        return connection.id() + "#incremental-export";
    }

    private Reply send(String key, RateLimit limit, Endpoint endpoint) throws RemoteSystemException {
        String authorization = settings.authorization();
        Reply reply = calls.send(key, limit, () -> endpoint.call(rest, authorization));
        holdBackWhenQuotaIsLow(key, reply);
        int status = reply.status();
        if (status < 300 || status == 404) {
            return reply;
        }
        String call = reply.method() + " " + reply.path();
        if (status == 401 || status == 403) {
            throw RemoteSystemException.permanent("Zendesk refused the credentials of connection " + connection.id()
                    + " (HTTP " + status + " from " + call + ")");
        }
        if (status == 409) {
            throw RemoteSystemException.retryable("Zendesk reported a conflicting update (HTTP 409 from " + call + ")",
                    null);
        }
        throw RemoteSystemException.permanent("HTTP " + status + " from " + call + errorCode(reply.body()));
    }

    /**
     * Zendesk counts every request against a per-minute quota and says what is left in {@code X-Rate-Limit-Remaining}
     * (list endpoints also in {@code ratelimit-remaining}, with {@code ratelimit-reset} in seconds). Waiting for the
     * reset before the quota runs out costs less than a 429 and its Retry-After.
     */
    private void holdBackWhenQuotaIsLow(String key, Reply headers) {
        OptionalLong remaining = number(headers, "X-Rate-Limit-Remaining");
        if (remaining.isEmpty()) {
            remaining = number(headers, "ratelimit-remaining");
        }
        if (remaining.isPresent() && remaining.getAsLong() <= LOW_REMAINING) {
            OptionalLong reset = number(headers, "ratelimit-reset");
            Duration wait = reset.isPresent() ? Duration.ofSeconds(reset.getAsLong()) : DEFAULT_WINDOW;
            calls.pause(key, clock.instant().plus(wait));
        }
    }

    private static OptionalLong number(Reply reply, String name) {
        Optional<String> value = reply.header(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static JsonObject body(Reply reply) throws RemoteSystemException {
        String text = reply.body();
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return JsonFields.object(text);
        } catch (MalformedPayloadException e) {
            throw new RemoteSystemException("Zendesk answered " + reply.method() + " "
                    + reply.path() + " with a body that is not a JSON object", true, null, e);
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
}
