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
