package dev.liaison.web.edge;

import dev.liaison.platform.failure.Failures;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.ProblemResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The page the container sends every error to that no application code answered: its own 401 challenge, a 404 for a
 * path nothing serves, a 405, a body it could not read, an exception that escaped a servlet. Without it WildFly
 * answers with an HTML page, and for exceptions with a stack trace and its version. The answer is problem+json, or a
 * plain page for the public HTML routes a person opens in a browser; never a trace, a version or an input value.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error";
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());
    private static final Map<Integer, String> SLUGS = Map.of(400, "validation", 401, "unauthenticated",
            403, "forbidden", 404, "not-found", 405, "method-not-allowed", 413, "payload-too-large",
            415, "unsupported-media-type");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        int status = code instanceof Integer given ? given : 404;
        if (status == 501) {
            // A servlet answers a method it does not know (PATCH, PROPFIND) with 501; for the caller it is a 405.
            status = 405;
        }
        if (code == null) {
            path = request.getRequestURI();
        }
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null) {
            status = Failures.isTooLarge(failure) ? 413 : 500;
            if (status == 500) {
                String failed = path;
                LOG.severe(() -> "Unexpected failure serving " + Failures.loggablePath(failed) + ": "
                        + Failures.withoutValuesWithFrames(failure));
            }
        }
        if (path.startsWith("/unsubscribe/") && acceptsHtml(request)) {
            plainPage(response, status);
            return;
        }
        Problem problem = status == 413 ? ProblemException.tooLarge().toProblem(path)
                : ProblemResponses.of(status, SLUGS.getOrDefault(status, status >= 500 ? "internal" : "bad-request"),
                        reason(status), status >= 500 ? "The request failed; the server log has the details"
                                : reason(status), path, List.of());
        ProblemResponses.write(response, problem);
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static void plainPage(HttpServletResponse response, int status) throws IOException {
        byte[] body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + reason(status) + "</title></head>"
                + "<body><p>" + reason(status) + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Sign-in required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 413 -> "Body too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "Internal error" : "Request refused";
        };
    }
}
