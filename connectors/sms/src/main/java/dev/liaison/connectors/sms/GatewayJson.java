package dev.liaison.connectors.sms;

import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads a gateway's JSON answer. Values are never quoted in failures: they may hold the recipient's number. */
final class GatewayJson {

    private GatewayJson() {
    }

    /**
     * The answer as an object. A gateway that answers 2xx with something else leaves it unknown whether the message
     * went out; that is reported as retryable, like a timeout, so the outbox decides rather than the message being
     * dropped silently.
     */
    static JsonObject object(String provider, String body) throws RemoteSystemException {
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                return value.asJsonObject();
            }
        } catch (JsonException notJson) {
            throw new RemoteSystemException(provider + " answered with a body that is not JSON", true, null, notJson);
        }
        throw new RemoteSystemException(provider + " answered with JSON that is not an object", true, null, null);
    }

    /** A string or a number as text; empty when absent, null or blank. */
    static Optional<String> text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString().trim();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().toPlainString();
            default -> "";
        };
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A whole number written as a number or as a string of digits. */
    static OptionalInt integer(JsonObject object, String name) {
        Optional<String> text = text(object, name);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text.get()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
