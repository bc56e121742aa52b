package dev.liaison.web.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Thrown by resources to answer with a problem document; {@link ProblemMappers} turns it into the response. */
public class ProblemException extends RuntimeException {

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

    public static ProblemException notFound(String what) {
        return new ProblemException(Response.Status.NOT_FOUND, "not-found", "Not found", what + " does not exist",
                List.of());
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
