package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.EventLimits;
import dev.liaison.connector.api.MalformedPayloadException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Zendesk JSON, which writes the same id as a number in the REST API and as a string in webhook events.
 * Problems become {@link MalformedPayloadException}s naming the field; values are never quoted, since they may be
 * personal data.
 */
final class JsonFields {

    private JsonFields() {
    }

    static JsonObject object(byte[] body) throws MalformedPayloadException {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return asObject(reader.readValue(), "the body");
        } catch (JsonException e) {
            throw new MalformedPayloadException("the body is not JSON", e);
        }
    }

    static JsonObject object(String body) throws MalformedPayloadException {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return asObject(reader.readValue(), "the body");
        } catch (JsonException e) {
            throw new MalformedPayloadException("the body is not JSON", e);
        }
    }

    static JsonObject requiredObject(JsonObject object, String name) throws MalformedPayloadException {
        JsonValue value = object.get(name);
        if (value == null) {
            throw new MalformedPayloadException("'" + name + "' is required and must be an object");
        }
        return asObject(value, "'" + name + "'");
    }

    /** The object under {@code name}, or an empty one when absent or null. */
    static JsonObject optionalObject(JsonObject object, String name) throws MalformedPayloadException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return asObject(value, "'" + name + "'");
    }

    static JsonArray optionalArray(JsonObject object, String name) throws MalformedPayloadException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new MalformedPayloadException("'" + name + "' must be an array");
        }
        return value.asJsonArray();
    }

    static List<JsonObject> objects(JsonObject object, String name) throws MalformedPayloadException {
        List<JsonObject> objects = new ArrayList<>();
        for (JsonValue item : optionalArray(object, name)) {
            objects.add(asObject(item, "an item of '" + name + "'"));
        }
        return objects;
    }

    static String requiredText(JsonObject object, String name) throws MalformedPayloadException {
        String value = optionalText(object, name);
        if (value == null) {
            throw new MalformedPayloadException("'" + name + "' is required and must be a non-empty string or number");
        }
        return value;
    }

    /** A string or number as text; {@code null} when absent, null or blank. */
    static String optionalText(JsonObject object, String name) throws MalformedPayloadException {
        return text(object.get(name), "'" + name + "'");
    }

    /** Zendesk writes "no id" as 0 or "0" in webhook events, and as null in the REST API. */
    static String optionalId(JsonObject object, String name) throws MalformedPayloadException {
        String id = optionalText(object, name);
        return id == null || id.equals("0") ? null : id;
    }

    static List<String> texts(JsonObject object, String name) throws MalformedPayloadException {
        List<String> texts = new ArrayList<>();
        for (JsonValue item : optionalArray(object, name)) {
            String text = text(item, "an item of '" + name + "'");
            if (text != null) {
                texts.add(text);
            }
        }
        return texts;
    }

    static Instant requiredInstant(JsonObject object, String name) throws MalformedPayloadException {
        return instant(requiredText(object, name), name);
    }

    /** ISO-8601 with or without seconds, as Zendesk's {@code *_with_timestamp} placeholders render it. */
    static Instant instant(String text, String name) throws MalformedPayloadException {
        try {
            // Bounded like every event time: OffsetDateTime reads years up to 999999999, which no column holds.
            return EventLimits.checkedTime(name, OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new MalformedPayloadException("'" + name + "' must be an ISO-8601 date-time such as 2024-04-17T17:18:10Z");
        }
    }

    static String text(JsonValue value, String what) throws MalformedPayloadException {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            return ((JsonNumber) value).bigDecimalValue().toPlainString();
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.toString();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new MalformedPayloadException(what + " must be a string or a number");
        }
        String text = ((JsonString) value).getString().trim();
        return text.isEmpty() ? null : text;
    }

    private static JsonObject asObject(JsonValue value, String what) throws MalformedPayloadException {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedPayloadException(what + " must be a JSON object");
        }
        return value.asJsonObject();
    }
}
