package dev.liaison.web.intake;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.UnknownEventTypeException;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.inbox.InboxStore;
import dev.liaison.platform.inbox.RejectedDeliveries;
import dev.liaison.platform.processing.InboxProcessor;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.trace.Correlation;
import dev.liaison.platform.trace.RequestIds;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Verify, store durably, acknowledge. Nothing is parsed or processed here, so the sender gets its answer in
 * milliseconds and a crash after the answer loses nothing.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class.getName());
    /** Reasons of refusals found here rather than by the connector's verification. */
    static final String MALFORMED_BODY = WebhookRejectedException.Reason.MALFORMED_BODY.slug();
    static final String UNKNOWN_EVENT = "unknown-event";
    static final String TOO_LARGE = "too-large";

    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;
    private final InboxStore inbox;
    private final InboxProcessor processor;
    private final RejectedDeliveries rejections;
    private final Clock clock;

    @Inject
    public WebhookIntake(ConnectionDirectory directory, ConnectorRegistry connectors, InboxStore inbox,
                         InboxProcessor processor, RejectedDeliveries rejections, Clock clock) {
        this.directory = directory;
        this.connectors = connectors;
        this.inbox = inbox;
        this.processor = processor;
        this.rejections = rejections;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected WebhookIntake() {
        this(null, null, null, null, null, null);
    }

    /** The connection's webhook receiver, or a 404 problem when the connection is unknown, disabled or hookless. */
    public ConnectionContext connection(String connectionId) {
        ConnectionContext connection = directory.active(connectionId)
                .orElseThrow(() -> ProblemException.notFound("Connection", connectionId));
        receiver(connection);
        return connection;
    }

    /** {@code requestId} is the delivery's correlation id ({@link RequestIds}), stored with its inbox entry. */
    public InboxStore.Acceptance accept(ConnectionContext connection, String contentType,
                                        Map<String, List<String>> headers, String query, byte[] body,
                                        String requestId) {
        WebhookReceiver receiver = receiver(connection);
        WebhookRequest request = new WebhookRequest(contentType, headers, query, body, clock.instant());
        try {
            receiver.verify(connection, request);
        } catch (WebhookRejectedException e) {
            refused(connection, e.reason().slug());
            LOG.warning(() -> Correlation.prefix(requestId) + "Rejected a webhook for connection " + connection.id()
                    + ": " + e.getMessage());
            throw new ProblemException(Response.Status.UNAUTHORIZED, "webhook-rejected", "Webhook rejected",
                    "the delivery failed verification", List.of());
        }
        String dedupKey;
        try {
            dedupKey = receiver.dedupKey(connection, request);
        } catch (MalformedPayloadException e) {
            refused(connection, e instanceof UnknownEventTypeException ? UNKNOWN_EVENT : MALFORMED_BODY);
            throw e.violations().isEmpty() ? ProblemException.invalid("body", e.getMessage())
                    : ProblemException.invalid(e.violations().stream()
                            .map(violation -> new Problem.FieldError(violation.field(), violation.message())).toList());
        }
        if (dedupKey.length() > InboxStore.DEDUP_KEY_LIMIT) {
            refused(connection, MALFORMED_BODY);
            // The connector derives the key from the delivery, mostly its event id: no one else can name the field.
            throw ProblemException.invalid("body", "carries an event id longer than " + InboxStore.DEDUP_KEY_LIMIT
                    + " characters");
        }
        InboxStore.Acceptance acceptance = inbox.accept(connection.workspace(), connection.id(), dedupKey, request,
                requestId);
        if (acceptance == InboxStore.Acceptance.STORED) {
            processor.nudge();
        }
        return acceptance;
    }

    /**
     * Counts a delivery the connection refused under {@code reason} (see {@link RejectedDeliveries}); the body is not
     * kept. A count that cannot be stored is logged and changes nothing about the refusal.
     */
    public void refused(ConnectionContext connection, String reason) {
        try {
            rejections.record(connection.workspace(), connection.id(), reason, clock.instant());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not count a refused delivery of connection " + connection.id() + ": "
                    + e.getMessage());
        }
    }

    /** The body the connection's sender must read back, when it insists on one (see WebhookReceiver). */
    public Optional<String> acknowledgement(ConnectionContext connection) {
        return receiver(connection).acknowledgement();
    }

    private WebhookReceiver receiver(ConnectionContext connection) {
        return connectors.find(connection.kind(), WebhookReceiver.class)
                .orElseThrow(() -> ProblemException.notFound("Webhook endpoint of connection", connection.id()));
    }
}
