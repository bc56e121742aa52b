package dev.liaison.web.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Problem documents written outside JAX-RS: by the edge handler before the sign-in runs, and by the error page the
 * container dispatches to. Their shape is the one {@link ProblemMappers} answers with.
 */
public final class ProblemResponses {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private ProblemResponses() {
    }

    /** A problem of the given type for the request's path. */
    public static Problem of(int status, String slug, String title, String detail, String instance,
                             List<Problem.FieldError> errors) {
        return new Problem(Problem.type(slug), title, status, detail, instance,
                errors.isEmpty() ? null : errors.get(0).field(), errors);
    }

    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = JSONB.toJson(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
