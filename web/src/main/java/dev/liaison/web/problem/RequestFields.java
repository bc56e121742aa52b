package dev.liaison.web.problem;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields of a JSON request body strictly and collects every problem, so that one answer names all of
 * them. Numbers must be JSON integers: {@code "10"} (a string), {@code 1.5} and {@code 1e3} are refused rather
 * than converted, and a value outside the range is refused rather than wrapped, as JSON-B's {@code Long} would.
 * The rule is textual: the number as written must be an integer literal, {@code -?(0|[1-9][0-9]*)}, because the
 * parsed value cannot tell {@code 0.1e1} from {@code 1}.
 */
public final class RequestFields {

    /**
     * A JSON integer literal with at most 18 digits: more cannot be within any long range, so a longer one is
     * refused before the value is converted.
     */
    private static final Pattern INTEGER_LITERAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final JsonProvider JSON = JsonProvider.provider();

    private final JsonObject object;
    /** The numbers among the object's members as written in the body, by member name (the last of duplicates). */
    private final Map<String, String> literals;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private RequestFields(JsonObject object, Map<String, String> literals) {
        this.object = object;
        this.literals = literals;
    }

    /** The body's fields; a 400 problem naming {@code body} when it is not a JSON object (see JsonBodies). */
    public static RequestFields read(String body) {
        JsonObject object = JsonBodies.readObject(body);
        return new RequestFields(object, numberLiterals(body));
    }

    /** A required whole number in {@code [min, max]}; null (and an error) when it is missing or wrong. */
    public Long integer(String name, long min, long max) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return invalid(name, "is required");
        }
        String expected = "must be a JSON integer (no fraction or exponent) from " + min + " to " + max;
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            return invalid(name, expected);
        }
        JsonNumber number = (JsonNumber) value;
        // The literal, not the parsed value: 0.1e1 and 0.0000001e7 parse to an integral 1 but are not integers.
        String literal = literals.get(name);
        if (literal == null || !INTEGER_LITERAL.matcher(literal).matches()) {
            return invalid(name, expected);
        }
        long parsed = number.longValueExact();
        return parsed < min || parsed > max ? invalid(name, expected) : Long.valueOf(parsed);
    }

    /** A required, non-blank string of at most {@code limit} characters; null (and an error) otherwise. */
    public String text(String name, int limit) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return invalid(name, "is required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            return invalid(name, "must be a string");
        }
        String text = ((JsonString) value).getString();
        if (text.isBlank()) {
            return invalid(name, "is required");
        }
        return text.length() > limit ? invalid(name, "must be at most " + limit + " characters") : text;
    }

    /** Adds a problem that the caller found itself, e.g. one that depends on two fields. */
    public void add(String name, String message) {
        errors.add(new Problem.FieldError(name, message));
    }

    /** Throws a 400 problem naming every field added so far, if there is any. */
    public void requireValid() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /**
     * The members of the top-level object whose value is a number, with the number as written: JSON-P's parser gives
     * a number event's text as it appears in the input. The body has been read as an object already, so it is
     * well-formed and within the depth limit.
     */
    private static Map<String, String> numberLiterals(String body) {
        Map<String, String> literals = new HashMap<>();
        try (JsonParser parser = JSON.createParser(new StringReader(body))) {
            int depth = 0;
            String member = null;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> member = depth == 1 ? parser.getString() : member;
                    case VALUE_NUMBER -> {
                        if (depth == 1 && member != null) {
                            literals.put(member, parser.getString());
                        }
                    }
                    default -> {
                        // strings, booleans and null: their type is checked on the parsed object
                    }
                }
            }
        }
        return literals;
    }

    private <T> T invalid(String name, String message) {
        add(name, message);
        return null;
    }
}
