package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.support.RateLimit;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.Reply;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * amoCRM API v4 as one connection sees it. Every call is an {@link AmoRest} endpoint sent through {@link RemoteCalls}
 * (rate limit, Retry-After on 429, backoff on 5xx, breaker, timeout); this class adds the Bearer token, tries once
 * more with a renewed token when amoCRM answers 401, and turns what RemoteCalls hands back into results or
 * {@link RemoteSystemException}s. One instance serves one caller's sequence of calls; it is not shared between
 * threads.
 */
final class AmoApi {

    static final JsonProvider JSON = JsonProvider.provider();

    /** Where the Bearer token comes from: a long-lived token, or the OAuth tokens {@link AmoTokens} keeps fresh. */
    interface Bearer {

        String token() throws RemoteSystemException;

        /** A token to try instead of {@code rejected}, which amoCRM just answered with 401; empty if there is none. */
        Optional<String> renewed(String rejected) throws RemoteSystemException;
    }

    /** One endpoint of {@link AmoRest}, called with the {@code Authorization} value of the current token. */
    @FunctionalInterface
    interface Endpoint {
        Response call(AmoRest rest, String authorization);
    }

    private final RemoteCalls calls;
    private final String connectionId;
    private final AmoRest rest;
    private final RateLimit limit;
    private final String currency;
    private final Bearer bearer;

    AmoApi(RemoteCalls calls, ConnectionContext connection, Bearer bearer) {
        AmoSettings settings = AmoSettings.of(connection);
        this.calls = calls;
        this.connectionId = connection.id();
        this.rest = calls.client(AmoRest.class, settings.baseUri());
        this.limit = settings.rateLimit();
        this.currency = settings.currency();
        this.bearer = bearer;
    }

    /** As the constructor, with a misconfigured connection reported as a permanent failure of the call. */
    static AmoApi of(RemoteCalls calls, ConnectionContext connection, Bearer bearer) throws RemoteSystemException {
        try {
            return new AmoApi(calls, connection, bearer);
        } catch (IllegalStateException | IllegalArgumentException misconfigured) {
            throw misconfigured(connection, misconfigured);
        }
    }

    /** The currency of the deal amounts read through this API: the connection's, as amoCRM reports none. */
    String currency() {
        return currency;
    }

    static RemoteSystemException misconfigured(ConnectionContext connection, RuntimeException problem) {
        return RemoteSystemException.permanent("connection " + connection.id() + " cannot call amoCRM: "
                + problem.getMessage());
    }

    /**
     * A GET whose "nothing there" is an answer, not a failure: amoCRM answers an empty list, and a deleted record,
     * with 204 No Content and no body; a record that never existed is a 404.
     */
    Optional<JsonObject> get(Endpoint endpoint) throws RemoteSystemException {
        Reply reply = send(endpoint);
        if (reply.status() == 204 || reply.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(body(reply));
    }

    /** A PATCH or POST whose answer is the JSON object amoCRM wrote. */
    JsonObject write(Endpoint endpoint) throws RemoteSystemException {
        return body(send(endpoint));
    }

    /** A DELETE; a 404 is success: what the caller wanted gone is gone. */
    void delete(Endpoint endpoint) throws RemoteSystemException {
        send(endpoint);
    }

    /** Once more after a 401 only if the bearer has another token: a token just refreshed is not refreshed again. */
    private Reply send(Endpoint endpoint) throws RemoteSystemException {
        String token = bearer.token();
        Reply reply = calls.send(connectionId, limit, () -> endpoint.call(rest, "Bearer " + token));
        if (reply.status() == 401) {
            Optional<String> renewed = bearer.renewed(token);
            if (renewed.isPresent()) {
                String retried = renewed.get();
                reply = calls.send(connectionId, limit, () -> endpoint.call(rest, "Bearer " + retried));
            }
        }
        int status = reply.status();
        String method = reply.method();
        if (status < 300 || status == 404 && ("GET".equals(method) || "DELETE".equals(method))) {
            return reply;
        }
        throw failure(connectionId, reply);
    }

    /** What a non-success answer of amoCRM means for the caller; shared with the OAuth token endpoint. */
    static RemoteSystemException failure(String connectionId, Reply reply) {
        int status = reply.status();
        String call = "HTTP " + status + " from " + reply.method() + " " + reply.path();
        if (status == 401) {
            return RemoteSystemException.permanent(call + ": amoCRM rejected the token of connection " + connectionId);
        }
        if (status == 403) {
            return RemoteSystemException.permanent(call + ": amoCRM refuses connection " + connectionId
                    + " (its IP may be blocked after too many requests, or the token's user lacks the right);"
                    + " not retried, so as not to prolong a block");
        }
        return RemoteSystemException.permanent(call + problem(reply.body()));
    }

    static JsonObject parseObject(String text) throws JsonException {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new JsonException("not a JSON object");
            }
            return value.asJsonObject();
        }
    }

    private static JsonObject body(Reply reply) throws RemoteSystemException {
        String text = reply.body();
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return parseObject(text);
        } catch (JsonException e) {
            throw new RemoteSystemException("amoCRM answered " + reply.method() + " "
                    + reply.path() + " with a body that is not a JSON object", true, null, e);
        }
    }

    /**
     * The problem+json summary: title, detail and the code and path of each validation error. The per-error
     * {@code detail} is left out because it may quote the rejected value.
     */
    private static String problem(String body) {
        JsonObject problem;
        try {
            problem = parseObject(body == null ? "" : body);
        } catch (JsonException e) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        text(problem, "title").ifPresent(parts::add);
        text(problem, "detail").ifPresent(parts::add);
        JsonValue validation = problem.get("validation-errors");
        if (validation != null && validation.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue request : validation.asJsonArray()) {
                JsonValue errors = request.getValueType() == JsonValue.ValueType.OBJECT
                        ? request.asJsonObject().get("errors") : null;
                if (errors == null || errors.getValueType() != JsonValue.ValueType.ARRAY) {
                    continue;
                }
                for (JsonValue error : errors.asJsonArray()) {
                    if (error.getValueType() == JsonValue.ValueType.OBJECT) {
                        parts.add(text(error.asJsonObject(), "code").orElse("?") + " at "
                                + text(error.asJsonObject(), "path").orElse("?"));
                    }
                }
            }
        }
        return parts.isEmpty() ? "" : ": " + String.join("; ", parts);
    }

    private static Optional<String> text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        return Optional.of(value.getValueType() == JsonValue.ValueType.STRING
                ? object.getString(name) : value.toString());
    }
}
