package dev.liaison.web.problem;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of a JSON request body strictly and collects every problem, so that one answer names all of
 * them. Numbers must be JSON integers: {@code "10"} (a string), {@code 1.5} and {@code 1e3} are refused rather
 * than converted, and a value outside the range is refused rather than wrapped, as JSON-B's {@code Long} would.
 */
public final class RequestFields {

    /** More digits than this cannot be within any long range; checked before the value is converted. */
    private static final int LONG_DIGITS = 18;

    private final JsonObject object;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    public RequestFields(JsonObject object) {
        this.object = object;
    }

    /** A required whole number in {@code [min, max]}; null (and an error) when it is missing or wrong. */
    public Long integer(String name, long min, long max) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return invalid(name, "is required");
        }
        String expected = "must be a JSON integer from " + min + " to " + max;
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            return invalid(name, expected);
        }
        JsonNumber number = (JsonNumber) value;
        // scale and precision are read off the parsed number: nothing here costs more for 1e3000000.
        if (number.bigDecimalValue().scale() != 0 || number.bigDecimalValue().precision() > LONG_DIGITS) {
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

    private <T> T invalid(String name, String message) {
        add(name, message);
        return null;
    }
}
