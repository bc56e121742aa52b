package dev.liaison.web.problem;

import dev.liaison.platform.failure.Failures;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is stable and documented; {@code field} names the first offending
 * input, {@code errors} all of them, with JSON-pointer-like paths such as {@code settings.signingSecret}.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "field", "errors"})
public record Problem(String type, String title, int status, String detail, String instance, String field,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:liaison:problem:";

    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        // The path is the caller's input: a long segment is cut and an unsubscribe token is not repeated.
        instance = instance == null ? null : Failures.loggablePath(instance);
    }

    public static String type(String slug) {
        return TYPE_PREFIX + slug;
    }
}
