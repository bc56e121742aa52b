package dev.liaison.platform.privacy;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stored webhook body as an admin may see it: the JSON tree (or a form-encoded body's fields) walked value by
 * value, with what identifies the record and its state kept (ids, types, event names, statuses, timestamps, amounts)
 * and what is about the person masked: e-mail addresses ({@code a***@example.com}) and phone numbers
 * ({@code +7 *** *** ** 67}) wherever they are, secrets ({@code auth[application_token]}) entirely, and every other
 * text (names, comments, subjects) to its first letter. A body that is neither is shown as its size only. What a
 * field means is read from its name, as the vendors name them; a name not known to be harmless is masked, so a
 * vendor's new field errs towards hiding.
 */
public final class PayloadMask {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String HIDDEN = "***";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern FORM_BODY = Pattern.compile("[^=&\\s{}\\[\"]+(\\[[^\\]]*\\])*=[^&]*(&[^=&]+=[^&]*)*");
    /** Field names (lower case, without separators) whose values say what and when, not who. */
    private static final Set<String> KEPT = Set.of("id", "type", "event", "kind", "action", "entity", "status",
            "stage", "state", "pipeline", "priority", "currency", "amount", "price", "sum", "version", "channel",
            "purpose", "decision", "locale", "language", "lang", "timezone", "domain", "ts", "won", "lost", "code",
            "count", "cnt", "err", "source", "system", "tags", "group", "page", "total");
    private static final List<String> SECRET = List.of("token", "secret", "password", "signature", "hash", "apikey");
    private static final List<String> PHONE_NAMES = List.of("phone", "tel", "mobile", "msisdn");

    private PayloadMask() {
    }

    /**
     * The body masked: a JSON value for a JSON body, an object of the fields for a form-encoded one, or the string
     * {@code "[n bytes, not JSON]"}.
     */
    public static JsonValue mask(String contentType, byte[] body) {
        String text = utf8(body);
        if (text != null && !text.isBlank()) {
            String trimmed = text.strip();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                try (JsonReader reader = JSON.createReader(new StringReader(trimmed))) {
                    return value("", reader.readValue());
                } catch (JsonException | IllegalStateException notJson) {
                    return notJson(body);
                }
            }
            boolean declaredForm = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM);
            if (declaredForm || FORM_BODY.matcher(trimmed).matches()) {
                return form(trimmed);
            }
        }
        return notJson(body);
    }

    private static JsonValue notJson(byte[] body) {
        return JSON.createValue("[" + body.length + " bytes, not JSON]");
    }

    private static JsonValue value(String name, JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> object((JsonObject) value);
            case ARRAY -> array(name, (JsonArray) value);
            case STRING -> JSON.createValue(text(name, ((JsonString) value).getString()));
            case NUMBER -> number(name, (JsonNumber) value);
            default -> value;
        };
    }

    private static JsonObject object(JsonObject object) {
        JsonObjectBuilder masked = JSON.createObjectBuilder();
        object.forEach((name, member) -> masked.add(name, value(name, member)));
        return masked.build();
    }

    /** The elements of an array are what its name says: {@code "phones": [...]} holds phone numbers. */
    private static JsonArray array(String name, JsonArray array) {
        JsonArrayBuilder masked = JSON.createArrayBuilder();
        array.forEach(element -> masked.add(value(name, element)));
        return masked.build();
    }

    private static JsonValue number(String name, JsonNumber number) {
        String field = normalised(name);
        if (PHONE_NAMES.stream().anyMatch(field::contains)) {
            return JSON.createValue(PersonalDataMask.phone(number.toString()));
        }
        return number;
    }

    /** One text value under its field name (for a form field, the last bracketed part: {@code auth[domain]}). */
    static String text(String name, String value) {
        String field = normalised(name);
        if (SECRET.stream().anyMatch(field::contains)) {
            return HIDDEN;
        }
        if (PersonalDataMask.isEmail(value)) {
            return PersonalDataMask.email(value.strip());
        }
        if (kept(name, field)) {
            return value;
        }
        if (PersonalDataMask.isPhone(value)) {
            return PersonalDataMask.phone(value);
        }
        return PersonalDataMask.initial(value);
    }

    private static boolean kept(String name, String field) {
        return KEPT.contains(field) || field.endsWith("id") || field.endsWith("ids") || field.endsWith("status")
                || field.endsWith("type") || field.contains("time") || field.contains("date")
                || name.endsWith("At") || name.endsWith("_at");
    }

    /** {@code data[FIELDS][LAST_NAME]} as {@code lastname}: the innermost name, lower case, letters and digits. */
    private static String normalised(String name) {
        String inner = name;
        int open = name.lastIndexOf('[');
        if (open >= 0 && name.endsWith("]")) {
            inner = name.substring(open + 1, name.length() - 1);
            if (inner.isEmpty() || inner.chars().allMatch(Character::isDigit)) {
                String outer = name.substring(0, open);
                return outer.isEmpty() ? inner : normalised(outer);
            }
        }
        return inner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The form's fields in order, each value masked; a field given more than once becomes an array. */
    private static JsonObject form(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            fields.computeIfAbsent(name, ignored -> new ArrayList<>()).add(text(name, value));
        }
        JsonObjectBuilder masked = JSON.createObjectBuilder();
        fields.forEach((name, values) -> {
            if (values.size() == 1) {
                masked.add(name, values.get(0));
            } else {
                JsonArrayBuilder all = JSON.createArrayBuilder();
                values.forEach(all::add);
                masked.add(name, all);
            }
        });
        return masked.build();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return text;
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }
}
