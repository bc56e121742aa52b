package dev.liaison.platform.connection;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Connection settings are a flat map of strings, stored as one JSON object. */
final class SettingsJson {

    private SettingsJson() {
    }

    static String write(Map<String, String> settings) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        new TreeMap<>(settings).forEach(builder::add);
        return builder.build().toString();
    }

    static Map<String, String> read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, String> settings = new LinkedHashMap<>();
            object.forEach((name, value) -> settings.put(name, object.getString(name)));
            return settings;
        }
    }
}
