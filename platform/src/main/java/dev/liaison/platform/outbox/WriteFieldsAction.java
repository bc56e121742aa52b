package dev.liaison.platform.outbox;

import dev.liaison.connector.api.RecordWriter;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The payload of a {@value #TYPE} outbox action: set these fields on one CRM record through its connection. */
public record WriteFieldsAction(RecordWriter.Entity entity, String recordId, Map<String, String> fields) {

    public static final String TYPE = "WRITE_CRM_FIELDS";
    private static final JsonProvider JSON = JsonProvider.provider();

    public WriteFieldsAction {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(recordId, "recordId");
        fields = Map.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a write needs at least one field");
        }
    }

    public String toJson() {
        JsonObjectBuilder values = JSON.createObjectBuilder();
        new TreeMap<>(fields).forEach(values::add);
        return JSON.createObjectBuilder().add("entity", entity.name()).add("recordId", recordId)
                .add("fields", values).build().toString();
    }

    public static WriteFieldsAction fromJson(String payload) {
        try (JsonReader reader = JSON.createReader(new StringReader(payload))) {
            JsonObject object = reader.readObject();
            Map<String, String> fields = new LinkedHashMap<>();
            object.getJsonObject("fields").forEach((name, value) -> fields.put(name, ((JsonString) value).getString()));
            return new WriteFieldsAction(RecordWriter.Entity.valueOf(object.getString("entity")),
                    object.getString("recordId"), fields);
        }
    }
}
