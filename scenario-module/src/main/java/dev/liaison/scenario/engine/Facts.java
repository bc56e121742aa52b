package dev.liaison.scenario.engine;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A trigger's facts as stored with its run, so a run resumed after a wait sees what it started with. */
final class Facts {

    private static final JsonProvider JSON = JsonProvider.provider();

    private Facts() {
    }

    static String write(Map<String, Object> facts) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        new TreeMap<>(facts).forEach((name, value) -> {
            if (value instanceof BigDecimal decimal) {
                object.add(name, decimal);
            } else if (value instanceof Long number) {
                object.add(name, number);
            } else if (value instanceof Integer number) {
                object.add(name, number);
            } else if (value instanceof Boolean flag) {
                object.add(name, flag);
            } else {
                object.add(name, String.valueOf(value));
            }
        });
        return object.build().toString();
    }

    static Map<String, Object> read(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, Object> facts = new LinkedHashMap<>();
            object.forEach((name, value) -> facts.put(name, switch (value.getValueType()) {
                case NUMBER -> ((JsonNumber) value).isIntegral()
                        ? (Object) ((JsonNumber) value).longValue() : ((JsonNumber) value).bigDecimalValue();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case STRING -> ((JsonString) value).getString();
                default -> value.toString();
            }));
            return facts;
        }
    }

    /** Drops absent values, which a map of facts cannot hold. */
    static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null && namesAndValues[i + 1] != JsonValue.NULL) {
                facts.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return facts;
    }
}
