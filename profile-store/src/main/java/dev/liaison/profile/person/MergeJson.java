package dev.liaison.profile.person;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The undo information of a merge, stored as JSON: moved identity ids and overwritten attribute values. */
final class MergeJson {

    private MergeJson() {
    }

    static String identityIds(List<Long> ids) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        ids.forEach(array::add);
        return array.build().toString();
    }

    static List<Long> identityIds(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList();
        }
    }

    /** Overwritten values by attribute name; an empty Optional means the survivor had no value before. */
    static String overwritten(Map<String, Optional<AttributeValue>> previous) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        previous.forEach((name, value) -> object.add(name, value.map(MergeJson::attribute).orElse(JsonValue.NULL)));
        return object.build().toString();
    }

    static Map<String, Optional<AttributeValue>> overwritten(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, Optional<AttributeValue>> previous = new LinkedHashMap<>();
            object.forEach((name, value) -> previous.put(name, value.getValueType() == JsonValue.ValueType.NULL
                    ? Optional.empty() : Optional.of(attribute(name, value.asJsonObject()))));
            return previous;
        }
    }

    private static JsonValue attribute(AttributeValue value) {
        JsonObjectBuilder object = Json.createObjectBuilder()
                .add("system", value.source().system())
                .add("time", value.sourceTime().toString());
        addNullable(object, "value", value.value());
        addNullable(object, "connection", value.source().connectionId());
        addNullable(object, "ref", value.source().ref());
        return object.build();
    }

    private static AttributeValue attribute(String name, JsonObject object) {
        return new AttributeValue(name, object.getString("value", null),
                new Source(object.getString("system"), object.getString("connection", null),
                        object.getString("ref", null)), Instant.parse(object.getString("time")));
    }

    private static void addNullable(JsonObjectBuilder object, String name, String value) {
        if (value == null) {
            object.addNull(name);
        } else {
            object.add(name, value);
        }
    }
}
