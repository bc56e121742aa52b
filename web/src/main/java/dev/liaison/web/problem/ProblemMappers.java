package dev.liaison.web.problem;

import dev.liaison.platform.failure.Failures;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Logger;

/** Every error the REST API returns is a problem document; these mappers are the only place that builds them. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static String path(UriInfo uriInfo) {
        return uriInfo == null ? null : uriInfo.getRequestUri().getPath();
    }

    @Provider
    public static class Thrown implements ExceptionMapper<ProblemException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ProblemException exception) {
            return respond(exception.toProblem(path(uriInfo)));
        }
    }

    /** Bodies that are not JSON, or JSON of the wrong shape, fail before any resource method runs. */
    @Provider
    public static class Unreadable implements ExceptionMapper<ProcessingException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ProcessingException exception) {
            if (Failures.isTooLarge(exception)) {
                return respond(ProblemException.tooLarge().toProblem(path(uriInfo)));
            }
            return respond(ProblemException.invalid("body",
                    "is not a JSON document of the expected shape").toProblem(path(uriInfo)));
        }
    }

    @Provider
    public static class Protocol implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(WebApplicationException exception) {
            Response.StatusType status = exception.getResponse().getStatusInfo();
            if (Failures.isTooLarge(exception)) {
                return respond(ProblemException.tooLarge().toProblem(path(uriInfo)));
            }
            if (exception.getCause() instanceof JsonbException) {
                return respond(ProblemException.invalid("body",
                        "is not a JSON document of the expected shape").toProblem(path(uriInfo)));
            }
            return respond(new Problem(Problem.type(slugOf(exception, status)), status.getReasonPhrase(), status.getStatusCode(),
                    null, path(uriInfo), null, List.of()));
        }
    }

    private static String slugOf(WebApplicationException exception, Response.StatusType status) {
        if (exception instanceof NotFoundException) {
            return "not-found";
        }
        if (exception instanceof NotAllowedException) {
            return "method-not-allowed";
        }
        if (exception instanceof NotSupportedException) {
            return "unsupported-media-type";
        }
        return status.getStatusCode() >= 500 ? "internal" : "bad-request";
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(RuntimeException exception) {
            if (Failures.isTooLarge(exception)) {
                return respond(ProblemException.tooLarge().toProblem(path(uriInfo)));
            }
            // Without messages: a database error quotes the value that did not fit, and it may be personal data.
            LOG.severe(() -> "Unexpected failure serving " + Failures.loggablePath(path(uriInfo)) + ": "
                    + Failures.withoutValuesWithFrames(exception));
            return respond(new Problem(Problem.type("internal"), "Internal error", 500,
                    "The request failed; the server log has the details", path(uriInfo), null, List.of()));
        }
    }
}
