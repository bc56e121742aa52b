package dev.liaison.connectors.bitrix24;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes parameters the way PHP's {@code http_build_query} does ({@code filter[EMAIL]=a%40b.c&select[0]=ID}): the
 * form every sub-command of {@code batch} takes after its method name.
 */
final class PhpQuery {

    private PhpQuery() {
    }

    static String encode(JsonObject params) {
        List<String> pairs = new ArrayList<>();
        for (String name : params.keySet()) {
            append(pairs, name, params.get(name));
        }
        return String.join("&", pairs);
    }

    private static void append(List<String> pairs, String name, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                for (String key : object.keySet()) {
                    append(pairs, name + "[" + key + "]", object.get(key));
                }
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                for (int index = 0; index < array.size(); index++) {
                    append(pairs, name + "[" + index + "]", array.get(index));
                }
            }
            case STRING -> pairs.add(pair(name, ((JsonString) value).getString()));
            case NUMBER -> pairs.add(pair(name, ((JsonNumber) value).toString()));
            case TRUE -> pairs.add(pair(name, "1"));
            case FALSE -> pairs.add(pair(name, "0"));
            default -> {
                // http_build_query leaves nulls out.
            }
        }
    }

    private static String pair(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
