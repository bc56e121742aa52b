package dev.liaison.web.intake;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.profile.inbox.InboxStore;
import dev.liaison.web.platform.ConnectorRegistry;
import dev.liaison.web.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /hooks/{connectionId}}: verify, store durably, acknowledge. Nothing is parsed or processed here, so
 * the sender gets its answer in milliseconds and a crash after the answer loses nothing.
 */
@Path("/hooks/{connectionId}")
@RequestScoped
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class.getName());

    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;
    private final InboxStore inbox;
    private final InboxProcessor processor;
    private final Clock clock;
    private final int maxBodyBytes;

    @Inject
    public WebhookResource(ConnectionDirectory directory, ConnectorRegistry connectors, InboxStore inbox,
                           InboxProcessor processor, Clock clock,
                           @ConfigProperty(name = "liaison.intake.max-body-bytes", defaultValue = "1048576")
                           int maxBodyBytes) {
        this.directory = directory;
        this.connectors = connectors;
        this.inbox = inbox;
        this.processor = processor;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public WebhookResource() {
        this(null, null, null, null, null, 0);
    }

    /** Written as constants: serialising two fixed bodies through JSON-B costs more than storing the webhook. */
    private static final String ACCEPTED = "{\"status\":\"accepted\"}";
    private static final String DUPLICATE = "{\"status\":\"duplicate\"}";

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("connectionId") String connectionId, @Context HttpHeaders headers,
                            @Context UriInfo uriInfo, byte[] body) {
        ConnectionContext connection = directory.active(connectionId)
                .orElseThrow(() -> ProblemException.notFound("Connection " + connectionId));
        WebhookReceiver receiver = connectors.find(connection.kind(), WebhookReceiver.class)
                .orElseThrow(() -> ProblemException.notFound("Webhook endpoint of connection " + connectionId));
        if (body != null && body.length > maxBodyBytes) {
            throw new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                    "Payload too large", "webhook bodies are limited to " + maxBodyBytes + " bytes", List.of());
        }
        WebhookRequest request = new WebhookRequest(
                headers.getMediaType() == null ? null : headers.getMediaType().toString(),
                Map.copyOf(headers.getRequestHeaders()), uriInfo.getRequestUri().getRawQuery(), body,
                clock.instant());
        try {
            receiver.verify(connection, request);
        } catch (WebhookRejectedException e) {
            LOG.warning(() -> "Rejected a webhook for connection " + connectionId + ": " + e.getMessage());
            throw new ProblemException(Response.Status.UNAUTHORIZED, "webhook-rejected", "Webhook rejected",
                    "the delivery failed verification", List.of());
        }
        String dedupKey;
        try {
            dedupKey = receiver.dedupKey(connection, request);
        } catch (MalformedPayloadException e) {
            throw ProblemException.invalid("body", e.getMessage());
        }
        InboxStore.Acceptance acceptance = inbox.accept(connection.workspace(), connectionId, dedupKey, request);
        if (acceptance == InboxStore.Acceptance.STORED) {
            processor.nudge();
        }
        return Response.accepted(acceptance == InboxStore.Acceptance.STORED ? ACCEPTED : DUPLICATE)
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
