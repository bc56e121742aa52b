package dev.liaison.web.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;

/** Thrown by resources to answer with a problem document; {@link ProblemMappers} turns it into the response. */
public class ProblemException extends RuntimeException {

    /** UUIDs, key ids, vendor ids and scenario names; anything else is not repeated in an answer. */
    private static final Pattern ECHOABLE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Response.StatusType status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(Response.StatusType status, String slug, String title, String detail,
                            List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(Response.Status.BAD_REQUEST, "validation", "Invalid request", detail, errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /**
     * Nothing of this kind with this id. The id is repeated only when it looks like an id: a path segment can be
     * anything a caller typed (an e-mail address, a script, 100,000 characters), and an error must not echo input.
     */
    public static ProblemException notFound(String kind, String id) {
        String detail = id != null && ECHOABLE_ID.matcher(id).matches() ? kind + " " + id + " does not exist"
                : kind + " does not exist";
        return new ProblemException(Response.Status.NOT_FOUND, "not-found", "Not found", detail, List.of());
    }

    /** Nothing of this kind: for things without an id of their own, such as the stored routing rule set. */
    public static ProblemException notFound(String what) {
        return notFound(what, null);
    }

    /** A body cut off by the server's size limit ({@code liaison.http.max-body-bytes}). */
    public static ProblemException tooLarge() {
        return new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Body too large",
                "The body is larger than the server accepts", List.of(new Problem.FieldError("body",
                "must be at most the configured liaison.http.max-body-bytes")));
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status.getStatusCode(), getMessage(), instance,
                errors.isEmpty() ? null : errors.get(0).field(), errors);
    }

    public Response.StatusType status() {
        return status;
    }
}
