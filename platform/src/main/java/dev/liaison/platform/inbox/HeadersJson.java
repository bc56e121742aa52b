package dev.liaison.platform.inbox;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Webhook headers are stored as a JSON object of string arrays, so that a replay sees exactly what arrived. */
final class HeadersJson {

    /** Looked up once: {@code Json.createX} runs a ServiceLoader lookup on every call, a hot spot of intake. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private HeadersJson() {
    }

    static String write(Map<String, List<String>> headers) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        headers.forEach((name, values) -> {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            values.forEach(array::add);
            object.add(name, array);
        });
        return object.build().toString();
    }

    static Map<String, List<String>> read(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            object.forEach((name, values) -> headers.put(name,
                    values.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
            return headers;
        }
    }
}
