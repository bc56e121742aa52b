package dev.liaison.web.intake;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.platform.inbox.InboxStore;
import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.trace.RequestIds;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.ProblemJson;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /hooks/{connectionId}} as a plain servlet: intake is the hottest path of the system, and the JAX-RS
 * machinery (provider lookup, request-scoped resource, JSON-B) cost more CPU per webhook than storing it.
 * Any content type is accepted because each vendor sends its own (JSON, form-encoded). Every answer carries the
 * delivery's correlation id in {@code X-Request-Id}: the sender's own when well-formed ({@link RequestIds}).
 */
@WebServlet(name = "webhooks", urlPatterns = "/hooks/*")
public class WebhookServlet extends HttpServlet {

    private static final byte[] ACCEPTED = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DUPLICATE = "{\"status\":\"duplicate\"}".getBytes(StandardCharsets.UTF_8);

    // Servlets are instantiated by the container through their no-argument constructor, hence field injection.
    @Inject
    private transient WebhookIntake intake;

    @Inject
    private transient PipelineMetrics metrics;

    @Inject
    @ConfigProperty(name = "liaison.intake.max-body-bytes", defaultValue = "1048576")
    private transient int maxBodyBytes;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> headers = headers(request);
        String requestId = RequestIds.of(headers);
        response.setHeader(RequestIds.HEADER, requestId);
        ConnectionContext connection = null;
        try {
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                throw new ProblemException(Response.Status.METHOD_NOT_ALLOWED, "method-not-allowed",
                        "Method Not Allowed", "webhooks are delivered with POST", List.of());
            }
            String path = request.getPathInfo();
            String connectionId = path == null ? "" : path.substring(1);
            if (connectionId.isEmpty() || connectionId.contains("/")) {
                throw ProblemException.notFound("Webhook endpoint", request.getRequestURI());
            }
            connection = intake.connection(connectionId);
            byte[] body = readBody(request, connection);
            InboxStore.Acceptance acceptance = intake.accept(connection, request.getContentType(), headers,
                    request.getQueryString(), body, requestId);
            metrics.webhookAccepted(connection.id(), acceptance == InboxStore.Acceptance.DUPLICATE);
            Optional<String> acknowledgement = intake.acknowledgement(connection);
            if (acknowledgement.isPresent()) {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("text/plain;charset=UTF-8");
                response.getOutputStream().write(acknowledgement.get().getBytes(StandardCharsets.UTF_8));
                return;
            }
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            response.setContentType("application/json");
            response.getOutputStream().write(acceptance == InboxStore.Acceptance.STORED ? ACCEPTED : DUPLICATE);
        } catch (ProblemException problem) {
            String knownConnection = connectionId(connection);
            rejection(problem.status().getStatusCode())
                    .ifPresent(reason -> metrics.webhookRejected(knownConnection, reason));
            byte[] document = ProblemJson.write(problem.toProblem(request.getRequestURI()))
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(problem.status().getStatusCode());
            response.setContentType(Problem.MEDIA_TYPE);
            response.getOutputStream().write(document);
        }
    }

    /** What a refusal counts as; a server error is no refusal of the delivery. */
    private static Optional<PipelineMetrics.Rejection> rejection(int status) {
        return Optional.ofNullable(switch (status) {
            case HttpServletResponse.SC_NOT_FOUND -> PipelineMetrics.Rejection.UNKNOWN_CONNECTION;
            case HttpServletResponse.SC_UNAUTHORIZED -> PipelineMetrics.Rejection.VERIFICATION;
            case HttpServletResponse.SC_BAD_REQUEST -> PipelineMetrics.Rejection.INVALID;
            case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE -> PipelineMetrics.Rejection.TOO_LARGE;
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> PipelineMetrics.Rejection.METHOD;
            default -> null;
        });
    }

    /** The connection's id once it is known to exist; an id from the URL alone would let anyone add label values. */
    private static String connectionId(ConnectionContext connection) {
        return connection == null ? null : connection.id();
    }

    private byte[] readBody(HttpServletRequest request, ConnectionContext connection) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge(connection);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge(connection);
            }
            return body;
        }
    }

    private ProblemException tooLarge(ConnectionContext connection) {
        intake.refused(connection, WebhookIntake.TOO_LARGE);
        return new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                "Payload too large", "webhook bodies are limited to " + maxBodyBytes + " bytes", List.of());
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
