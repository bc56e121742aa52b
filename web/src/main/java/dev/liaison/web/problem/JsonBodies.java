package dev.liaison.web.problem;

import dev.liaison.connector.api.JsonLimits;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** JSON request bodies that resources read by hand, e.g. to hand their values to an EL condition. */
public final class JsonBodies {

    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonBodies() {
    }

    /** The body as a JSON object, or a 400 problem naming {@code body}; see {@link JsonLimits} for its depth. */
    public static JsonObject readObject(String body) {
        if (body != null && JsonLimits.tooDeep(body.getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.invalid("body", JsonLimits.tooDeepMessage());
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw ProblemException.invalid("body", "is not a JSON object");
        }
    }

    /**
     * A member that must be an object when given: empty when absent or null, else the object, else a 400 problem
     * naming {@code field} (the member's path in the body, e.g. {@code requester}).
     */
    public static Optional<JsonObject> optionalObject(JsonObject object, String member, String field) {
        JsonValue value = object.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.invalid(field, "must be an object");
        }
        return Optional.of(value.asJsonObject());
    }

    /** As {@link #optionalObject}, for a member that must be a string when given. */
    public static Optional<String> optionalText(JsonObject object, String member, String field) {
        JsonValue value = object.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ProblemException.invalid(field, "must be a string");
        }
        return Optional.of(((JsonString) value).getString());
    }

    /** The value as plain Java: text, {@code BigDecimal}, {@code Boolean}, lists and maps of those; null for null. */
    public static Object plain(JsonValue value) {
        switch (value.getValueType()) {
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                return ((JsonNumber) value).bigDecimalValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case ARRAY:
                return value.asJsonArray().stream().map(JsonBodies::plain).toList();
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((name, item) -> map.put(name, plain(item)));
                return map;
            default:
                return null;
        }
    }
}
