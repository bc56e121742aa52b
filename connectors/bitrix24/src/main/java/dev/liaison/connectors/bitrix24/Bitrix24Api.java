package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.support.RemoteCalls;
import dev.liaison.connectors.support.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Bitrix24 REST API as one connection sees it: {@code POST <incomingWebhookUrl><method>} with a JSON body, or for a
 * local application {@code POST <clientEndpoint><method>} with the access token as {@code "auth"} in that body (in
 * the body rather than the query so that it stays out of access logs; external-apis.md §1.2 allows both). Every
 * call is a {@link Bitrix24Rest} method sent through {@link RemoteCalls} (the portal's leaky bucket, backoff on 503
 * {@code QUERY_LIMIT_EXCEEDED}, 429 {@code OPERATION_TIME_LIMIT}, breaker, timeout). This class reads the
 * {@code {"result": ...}} envelope and turns {@code {"error", "error_description"}} answers into
 * {@link RemoteSystemException}s that name the method and the error code, never the description (CRM descriptions
 * may quote field values) nor the webhook's secret path.
 */
final class Bitrix24Api {

    static final JsonProvider JSON = JsonProvider.provider();
    static final int PAGE_SIZE = 50;
    static final int MAX_BATCH_COMMANDS = 50;

    /** Error codes that say "later": the limits of external-apis.md §1.3 and the portal's own failures. */
    private static final Set<String> RETRYABLE_CODES = Set.of("QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT",
            "OVERLOAD_LIMIT", "INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER");

    /** One method of {@link Bitrix24Rest}, called with the parameters as JSON text. */
    @FunctionalInterface
    private interface Endpoint {
        Response call(Bitrix24Rest rest, String params);
    }

    private final RemoteCalls calls;
    private final ConnectionContext connection;
    private final Bitrix24Settings settings;
    private final Bitrix24Rest rest;
    private final AccessTokens tokens;
    private String accessToken;

    Bitrix24Api(RemoteCalls calls, ConnectionContext connection, AccessTokens tokens) {
        this.calls = calls;
        this.connection = connection;
        this.settings = Bitrix24Settings.of(connection);
        this.rest = calls.client(Bitrix24Rest.class, settings.restBase());
        this.tokens = tokens;
    }

    ConnectionContext connection() {
        return connection;
    }

    /** {@code crm.<entity>.update}; returns the envelope's {@code result}. */
    JsonValue update(CrmEntity entity, JsonObject params) throws RemoteSystemException {
        return call(entity.method("update"), (api, body) -> api.update(entity.methodPrefix(), body), params);
    }

    JsonValue addTimelineComment(JsonObject params) throws RemoteSystemException {
        return call("crm.timeline.comment.add", Bitrix24Rest::addTimelineComment, params);
    }

    JsonValue addTask(JsonObject params) throws RemoteSystemException {
        return call("tasks.task.add", Bitrix24Rest::addTask, params);
    }

    /** {@code event.get}: the handlers bound in the portal for this application or webhook. */
    JsonValue eventHandlers() throws RemoteSystemException {
        return call("event.get", Bitrix24Rest::eventHandlers, JsonValue.EMPTY_JSON_OBJECT);
    }

    /** Calls {@code method} and returns the envelope's {@code result}. */
    private JsonValue call(String method, Endpoint endpoint, JsonObject params) throws RemoteSystemException {
        Answer answer = post(method, endpoint, params);
        if (answer.succeeded()) {
            return answer.body().get("result");
        }
        throw answer.failure(connection);
    }

    /**
     * {@code event.bind} of {@code handler} to {@code event}; false when the portal had that binding already, which it
     * answers with an error rather than success ({@code "error_description":"Handler already binded"}).
     */
    boolean bindEvent(String event, URI handler) throws RemoteSystemException {
        Answer answer = post("event.bind", Bitrix24Rest::bindEvent, JSON.createObjectBuilder().add("event", event)
                .add("handler", handler.toString()).build());
        if (answer.succeeded()) {
            return true;
        }
        if (answer.body() != null && isAlreadyBound(answer.body())) {
            return false;
        }
        throw answer.failure(connection);
    }

    /** {@code crm.<entity>.get}; empty when Bitrix24 answers 400 "Not found" (deleted, or never there). */
    Optional<JsonObject> get(CrmEntity entity, long id) throws RemoteSystemException {
        String method = entity.method("get");
        Answer answer = post(method, (api, body) -> api.get(entity.methodPrefix(), body),
                JSON.createObjectBuilder().add("id", id).build());
        if (answer.status() == 400 && answer.body() != null && isNotFound(answer.body())) {
            return Optional.empty();
        }
        if (!answer.succeeded()) {
            throw answer.failure(connection);
        }
        return Optional.of(object(method, answer.body().get("result")));
    }

    /** One page of {@code crm.<entity>.list}. */
    JsonArray list(CrmEntity entity, JsonObject params) throws RemoteSystemException {
        String method = entity.method("list");
        JsonValue result = call(method, (api, body) -> api.list(entity.methodPrefix(), body), params);
        if (result == null || result.getValueType() != JsonValue.ValueType.ARRAY) {
            throw RemoteSystemException.permanent("Bitrix24 answered " + method + " without a result list");
        }
        return result.asJsonArray();
    }

    /**
     * Runs up to {@value #MAX_BATCH_COMMANDS} named commands in one request. Bitrix24 answers 200 even when some of
     * them failed; each command's outcome is in the returned {@link BatchResult}.
     */
    BatchResult batch(Map<String, String> commands) throws RemoteSystemException {
        if (commands.isEmpty() || commands.size() > MAX_BATCH_COMMANDS) {
            throw new IllegalArgumentException("a batch takes 1 to " + MAX_BATCH_COMMANDS + " commands");
        }
        JsonObjectBuilder cmd = JSON.createObjectBuilder();
        commands.forEach(cmd::add);
        JsonValue result = call("batch", Bitrix24Rest::batch,
                JSON.createObjectBuilder().add("halt", 0).add("cmd", cmd).build());
        JsonObject sections = object("batch", result);
        return new BatchResult(section(sections, "result"), section(sections, "result_error"),
                section(sections, "result_total"));
    }

    /** One {@code batch} sub-command: {@code method?params} with the params written as PHP would. */
    static String command(String method, JsonObject params) {
        return method + "?" + PhpQuery.encode(params);
    }

    /** {@code "Not found"} (CRM get methods, empty code) or {@code NOT_FOUND} (timeline methods). */
    static boolean isNotFound(JsonObject error) {
        String code = text(error, "error");
        String description = text(error, "error_description");
        return "NOT_FOUND".equalsIgnoreCase(code)
                || description.trim().replaceAll("\\.$", "").equalsIgnoreCase("Not found");
    }

    /** Bitrix24's own (mis)spelling, the only sign of it: the error code is a generic one such as ERROR_CORE. */
    private static boolean isAlreadyBound(JsonObject error) {
        return text(error, "error_description").toLowerCase(Locale.ROOT).contains("already binded");
    }

    /** The failure a batch sub-command reported, as the exception its plain call would have raised. */
    static RemoteSystemException commandFailure(String key, JsonObject error) {
        String code = text(error, "error");
        String message = "Bitrix24 batch command '" + key + "' failed: " + describe(code);
        return RETRYABLE_CODES.contains(code.toUpperCase(Locale.ROOT))
                ? RemoteSystemException.retryable(message, null)
                : RemoteSystemException.permanent(message);
    }

    static JsonObject object(String method, JsonValue value) throws RemoteSystemException {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw RemoteSystemException.permanent("Bitrix24 answered " + method + " without a result object");
        }
        return value.asJsonObject();
    }

    static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return value.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) value).getString() : value.toString();
    }

    /**
     * A local application's call that meets 401 {@code expired_token} is repeated once with a renewed token; a second
     * refusal is the answer.
     */
    private Answer post(String method, Endpoint endpoint, JsonObject params) throws RemoteSystemException {
        if (!settings.oauth()) {
            return send(method, endpoint, params);
        }
        if (accessToken == null) {
            accessToken = tokens.valid(connection);
        }
        Answer answer = send(method, endpoint, withAuth(params, accessToken));
        if (answer.expiredToken()) {
            accessToken = tokens.renew(connection, accessToken);
            answer = send(method, endpoint, withAuth(params, accessToken));
        }
        return answer;
    }

    private static JsonObject withAuth(JsonObject params, String token) {
        return JSON.createObjectBuilder(params).add("auth", token).build();
    }

    private Answer send(String method, Endpoint endpoint, JsonObject params) throws RemoteSystemException {
        String body = params.toString();
        Reply reply;
        try {
            reply = calls.send(connection.id(), settings.rateLimit(), () -> endpoint.call(rest, body));
        } catch (RemoteSystemException e) {
            throw namingTheMethod(method, e);
        }
        return new Answer(method, reply.status(), parse(reply.body()), settings.oauth());
    }

    /**
     * RemoteCalls names only the host, because an incoming webhook's path holds its secret code; the REST method
     * tells the admin which call failed.
     */
    private static RemoteSystemException namingTheMethod(String method, RemoteSystemException e) {
        return new RemoteSystemException(method + ": " + e.getMessage(), e.retryable(), e.retryAfter().orElse(null),
                e.getCause());
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
        } catch (JsonException e) {
            return null;
        }
    }

    /** Empty sections come back as {@code []}, not {@code {}} (external-apis.md §1.7). */
    private static Map<String, JsonValue> section(JsonObject sections, String name) {
        Map<String, JsonValue> entries = new LinkedHashMap<>();
        JsonValue value = sections.get(name);
        if (value != null && value.getValueType() == JsonValue.ValueType.OBJECT) {
            entries.putAll(value.asJsonObject());
        }
        return entries;
    }

    private static String describe(String code) {
        return code.isBlank() ? "no error code" : code;
    }

    /** What Bitrix24 answered one call: the status and the JSON object of its body, {@code null} when it was none. */
    private record Answer(String method, int status, JsonObject body, boolean oauth) {

        boolean expiredToken() {
            return status == 401 && body != null && "expired_token".equals(text(body, "error"));
        }

        boolean succeeded() {
            return status == 200 && body != null && body.containsKey("result") && text(body, "error").isEmpty();
        }

        RemoteSystemException failure(ConnectionContext connection) {
            if (body == null) {
                String message = "Bitrix24 answered " + method + " with HTTP " + status + " and no JSON envelope";
                return status == 200 ? RemoteSystemException.retryable(message, null)
                        : RemoteSystemException.permanent(message);
            }
            String code = text(body, "error");
            if (status == 401 || status == 403) {
                return RemoteSystemException.permanent("Bitrix24 refused the "
                        + (oauth ? "access token" : "incoming webhook") + " of connection "
                        + connection.id() + " (HTTP " + status + " " + describe(code) + " from " + method + ")");
            }
            String message = "HTTP " + status + " from " + method + ": " + describe(code);
            return RETRYABLE_CODES.contains(code.toUpperCase(Locale.ROOT))
                    ? RemoteSystemException.retryable(message, null)
                    : RemoteSystemException.permanent(message);
        }
    }

    /**
     * The outcome of a {@code batch}: each command's {@code result} or its {@code {error, error_description}}, and
     * for list commands the {@code total} they counted.
     */
    record BatchResult(Map<String, JsonValue> results, Map<String, JsonValue> errors, Map<String, JsonValue> totals) {

        /** The total as Bitrix24 wrote it (a number, or a numeric string); compared, never computed with. */
        Optional<JsonValue> total(String key) {
            return Optional.ofNullable(totals.get(key));
        }

        Optional<JsonObject> error(String key) {
            JsonValue error = errors.get(key);
            return error != null && error.getValueType() == JsonValue.ValueType.OBJECT
                    ? Optional.of(error.asJsonObject()) : Optional.empty();
        }
    }
}
