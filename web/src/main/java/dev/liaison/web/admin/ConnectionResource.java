package dev.liaison.web.admin;

import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.Disconnectable;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxStatus;
import dev.liaison.platform.inbox.InboxStore;
import dev.liaison.platform.journal.JournalStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.sync.SyncControl;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.QueryParameters;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The CRM admin's view of connections: create them, watch intake, and replay what was given up on. */
@Path("/api/admin/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class ConnectionResource {

    private static final Logger LOG = Logger.getLogger(ConnectionResource.class.getName());
    private static final int NAME_LIMIT = 200;
    private static final int LIST_LIMIT = 500;
    private static final int DEFAULT_LIST_LIMIT = 50;

    private final ConnectionStore connections;
    private final ConnectorRegistry connectors;
    private final InboxStore inbox;
    private final JournalStore journal;
    private final SyncControl sync;
    private final Clock clock;

    @Inject
    public ConnectionResource(ConnectionStore connections, ConnectorRegistry connectors, InboxStore inbox,
                              JournalStore journal, SyncControl sync, Clock clock) {
        this.connections = connections;
        this.connectors = connectors;
        this.inbox = inbox;
        this.journal = journal;
        this.sync = sync;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ConnectionResource() {
        this(null, null, null, null, null, null);
    }

    @POST
    @Audited("connection.create")
    @APIResponse(responseCode = "201", description = "Created; Location names the new connection",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConnectionView.class)))
    public Response create(ConnectionRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<Connector> connector = Optional.empty();
        if (request.kind() == null || request.kind().isBlank()) {
            errors.add(new Problem.FieldError("kind", "is required; one of " + connectors.kinds()));
        } else {
            connector = connectors.find(request.kind());
            if (connector.isEmpty()) {
                errors.add(new Problem.FieldError("kind", "must be one of " + connectors.kinds()));
            }
        }
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new Problem.FieldError("name", "is required"));
        } else if (request.name().length() > NAME_LIMIT) {
            errors.add(new Problem.FieldError("name", "must be at most " + NAME_LIMIT + " characters"));
        }
        Map<String, String> settings = request.settings() == null ? Map.of() : request.settings();
        connector.ifPresent(known -> known.settings().validate(settings).forEach(violation ->
                errors.add(new Problem.FieldError("settings." + violation.setting(), violation.message()))));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ConnectionEntity created = connections.create(request.kind(), request.name().trim(), settings);
        sync.connectionCreated(created.id(), created.kind(), settings);
        return Response.created(UriBuilder.fromPath("/api/admin/connections/{id}").build(created.id()))
                .entity(view(created)).build();
    }

    @GET
    public List<ConnectionView> list() {
        return connections.list().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public ConnectionView get(@PathParam("id") String id) {
        return view(existing(id));
    }

    /**
     * Disconnects: the connector first removes what it set up in the remote system (amoCRM: Liaison's webhook), then
     * the connection is disabled: its webhooks are refused and erasure no longer fans out to it. The admin's decision
     * stands even when the remote system cannot be reached: the connection is disabled anyway and
     * {@code disconnectError} says what was left behind there. Repeating the DELETE tries the cleanup again.
     */
    @DELETE
    @Audited("connection.disable")
    @Path("{id}")
    @APIResponse(responseCode = "204", description = "Disabled (again, when it already was)")
    public Response disable(@PathParam("id") String id) {
        disconnect(id);
        return Response.noContent().build();
    }

    void disconnect(String id) {
        String disconnectError = cleanUpRemote(existing(id)).orElse(null);
        // Read again: a token refresh during the cleanup updates the row, and the entity read before it is stale.
        connections.disable(existing(id), disconnectError);
    }

    /** What the cleanup left behind, if anything; messages of connector exceptions never quote secrets. */
    private Optional<String> cleanUpRemote(ConnectionEntity connection) {
        Optional<Disconnectable> connector = connectors.find(connection.kind(), Disconnectable.class);
        if (connector.isEmpty()) {
            return Optional.empty();
        }
        try {
            connector.get().disconnect(connections.context(connection));
            return Optional.empty();
        } catch (RemoteSystemException e) {
            return Optional.of(leftBehind(connection,
                    Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName())));
        } catch (RuntimeException e) {
            // An unexpected exception's message may quote anything, so only its type is kept.
            return Optional.of(leftBehind(connection, "unexpected " + e.getClass().getName()));
        }
    }

    private static String leftBehind(ConnectionEntity connection, String failure) {
        LOG.warning(() -> "Disconnecting connection " + connection.id() + " (" + connection.kind() + ") anyway; "
                + "the remote system was not cleaned up: " + failure);
        return failure;
    }

    @GET
    @Path("{id}/inbox")
    public List<InboxEntryView> inbox(@PathParam("id") String id, @QueryParam("status") String status,
                                      @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                              minimum = "1", maximum = "500", defaultValue = "50")) String limit) {
        ConnectionEntity connection = existing(id);
        int rows = QueryParameters.intBetween(limit, "limit", DEFAULT_LIST_LIMIT, 1, LIST_LIMIT);
        return inbox.list(connection.id(), parseStatus(status), rows).stream().map(InboxEntryView::of).toList();
    }

    @POST
    @Audited("connection.inbox.replay")
    @Path("{id}/inbox/{entryId}/replay")
    @APIResponse(responseCode = "202", description = "Queued for processing again")
    @APIResponse(responseCode = "409", description = "`not-dead`: the entry does not exist or is not DEAD",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("id") String id, @PathParam("entryId") long entryId) {
        ConnectionEntity connection = existing(id);
        if (!inbox.replay(connection.id(), entryId, clock.instant())) {
            throw new ProblemException(Response.Status.CONFLICT, "not-dead", "Entry is not dead",
                    "inbox entry " + entryId + " of this connection does not exist or is not in the DEAD state",
                    List.of());
        }
        return Response.accepted().build();
    }

    @GET
    @Path("{id}/events")
    public List<JournalStore.JournalEntry> events(@PathParam("id") String id,
                                                  @QueryParam("limit") @Parameter(schema = @Schema(
                                                          type = SchemaType.INTEGER, minimum = "1", maximum = "500",
                                                          defaultValue = "50")) String limit) {
        ConnectionEntity connection = existing(id);
        return journal.list(connection.id(),
                QueryParameters.intBetween(limit, "limit", DEFAULT_LIST_LIMIT, 1, LIST_LIMIT));
    }

    private ConnectionEntity existing(String id) {
        return connections.find(id).orElseThrow(() -> ProblemException.notFound("Connection", id));
    }

    private static Optional<InboxStatus> parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InboxStatus.valueOf(status.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + List.of(InboxStatus.values()));
        }
    }

    private ConnectionView view(ConnectionEntity connection) {
        Optional<SettingsSpec> spec = connectors.find(connection.kind()).map(Connector::settings);
        Map<String, String> visible = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        connections.settings(connection).forEach((name, value) -> {
            boolean secret = spec.map(known -> known.isSecret(name)).orElse(true);
            if (secret) {
                secrets.add(name);
            } else {
                visible.put(name, value);
            }
        });
        Map<InboxStatus, Long> counts = inbox.countByStatus(connection.id());
        List<InboxEntry> newest = inbox.list(connection.id(), Optional.empty(), 1);
        List<InboxEntry> newestFailure = inbox.list(connection.id(), Optional.of(InboxStatus.DEAD), 1);
        ConnectionView.InboxView inboxView = new ConnectionView.InboxView(
                counts.get(InboxStatus.PENDING), counts.get(InboxStatus.DONE), counts.get(InboxStatus.DEAD),
                journal.count(connection.id()),
                newest.isEmpty() ? null : newest.get(0).receivedAt(),
                newestFailure.isEmpty() ? null : newestFailure.get(0).lastError());
        return new ConnectionView(connection.id(), connection.kind(), connection.name(), connection.status().name(),
                connection.disconnectError(), connection.webhookPath(), visible, secrets, connection.createdAt(),
                inboxView);
    }
}
