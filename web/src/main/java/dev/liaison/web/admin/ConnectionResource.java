package dev.liaison.web.admin;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.Disconnectable;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.WebhookRegistrations;
import dev.liaison.platform.connection.ConnectionChangedException;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionNameTakenException;
import dev.liaison.platform.connection.ConnectionNames;
import dev.liaison.platform.connection.ConnectionStatus;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxStatus;
import dev.liaison.platform.inbox.InboxStore;
import dev.liaison.platform.inbox.MaskedDelivery;
import dev.liaison.platform.inbox.RejectedDeliveries;
import dev.liaison.platform.journal.JournalStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.sync.SyncControl;
import dev.liaison.web.problem.JsonBodies;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.QueryParameters;
import dev.liaison.web.security.AuditDetail;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The CRM admin's view of connections: create, change, disable and enable them, watch intake, and replay what was
 * given up on.
 */
@Path("/api/admin/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class ConnectionResource {

    private static final Logger LOG = Logger.getLogger(ConnectionResource.class.getName());
    private static final int LIST_LIMIT = 500;
    private static final int DEFAULT_LIST_LIMIT = 50;

    private final ConnectionStore connections;
    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;
    private final InboxStore inbox;
    private final RejectedDeliveries rejections;
    private final JournalStore journal;
    private final AuditDetail audit;
    private final SyncControl sync;
    private final ConnectionHealth health;
    private final Clock clock;
    private final String publicUrl;

    @Context
    UriInfo uriInfo;

    @Inject
    public ConnectionResource(ConnectionStore connections, ConnectionDirectory directory, ConnectorRegistry connectors,
                              InboxStore inbox, RejectedDeliveries rejections, JournalStore journal,
                              AuditDetail audit, SyncControl sync,
                              ConnectionHealth health, Clock clock,
                              @ConfigProperty(name = "liaison.public-url") Optional<String> publicUrl) {
        this.connections = connections;
        this.directory = directory;
        this.connectors = connectors;
        this.inbox = inbox;
        this.rejections = rejections;
        this.journal = journal;
        this.audit = audit;
        this.sync = sync;
        this.health = health;
        this.clock = clock;
        this.publicUrl = publicUrl.map(String::trim).filter(url -> !url.isEmpty()).orElse(null);
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ConnectionResource() {
        this(null, null, null, null, null, null, null, null, null, null, Optional.empty());
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
        } else if (request.name().trim().length() > ConnectionNames.LIMIT) {
            errors.add(new Problem.FieldError("name", "must be at most " + ConnectionNames.LIMIT + " characters"));
        }
        Map<String, String> settings = request.settings() == null ? Map.of() : request.settings();
        connector.ifPresent(known -> validate(known.settings(), settings, errors));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        SettingsSpec spec = connector.get().settings();
        ConnectionEntity created;
        try {
            created = connections.create(request.kind(), request.name().trim(), settings,
                    id -> derived(spec, id, Map.of()));
        } catch (ConnectionNameTakenException e) {
            throw nameTaken();
        }
        sync.connectionCreated(created.id(), created.kind(), settings);
        return Response.created(UriBuilder.fromPath("/api/admin/connections/{id}").build(created.id()))
                .entity(view(created)).tag(EntityTags.of(created.version())).build();
    }

    /**
     * Changes a connection's name and settings: a JSON Merge Patch ({@link ConnectionPatch}). What the settings
     * become is checked exactly as on creation, every problem named; a refused patch changes nothing. With
     * {@code If-Match}, the change goes ahead only if the connection is still the version the caller read (the
     * {@code ETag} of GET). Changed secrets are sealed again with the other settings, and this node forgets what it
     * cached of the connection, so the next webhook and the next remote call use the new settings. The audit entry
     * names the changed settings, never their values.
     * <p>
     * A webhook Liaison registered in the remote system (amoCRM) moves when the patch changes the secret its URL
     * carries or {@code liaison.public-url} moved ({@link WebhookMove}): the new one is registered before anything is
     * stored, and a refusal is a 502 that changes nothing; the old one is removed after, and the answer's
     * {@code webhookRegistration} says whether that worked.
     */
    @PATCH
    @Audited("connection.update")
    @Path("{id}")
    @Consumes({ConnectionPatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "Changed (or nothing to change); ETag is the new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "409", description = "`name-taken`: another connection of the workspace has this "
            + "name, ignoring case", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "`precondition-failed`: the connection changed since the "
            + "version If-Match names", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "`webhook-registration-failed`: the remote system did not take "
            + "the webhook the edited settings need; nothing was changed", content = @Content(
                    mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "the ETag of a GET; "
                                   + "without it the patch applies to whatever is stored") String ifMatch,
                           @RequestBody(content = @Content(mediaType = ConnectionPatch.MEDIA_TYPE,
                                   schema = @Schema(implementation = ConnectionPatch.class))) InputStream body) {
        ConnectionEntity connection = existing(id);
        if (ifMatch != null && !EntityTags.matches(ifMatch, connection.version())) {
            throw changedSinceRead(id);
        }
        SettingsSpec spec = connectors.find(connection.kind()).map(Connector::settings)
                .orElse(SettingsSpec.of());
        List<Problem.FieldError> errors = new ArrayList<>();
        ConnectionPatch patch = ConnectionPatch.read(JsonBodies.readObject(text(body)), spec, errors);
        Map<String, String> stored = connections.settings(connection);
        Map<String, String> typed = new LinkedHashMap<>(stored);
        typed.keySet().removeAll(spec.derived());
        Map<String, String> merged = patch.applyTo(typed);
        validate(spec, merged, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        boolean renamed = patch.name() != null && !patch.name().equals(connection.name());
        merged.putAll(derived(spec, id, stored));
        ConnectionContext before = connections.context(connection);
        Optional<WebhookMove> move = WebhookMove.needed(connectors.find(connection.kind(), WebhookRegistrations.class),
                before, new ConnectionContext(id, before.workspace(), before.kind(), merged), publicUrl);
        List<String> changed = new ArrayList<>();
        if (renamed) {
            changed.add(ConnectionPatch.NAME);
        }
        patch.changedSettings(stored).forEach(setting -> changed.add(ConnectionPatch.SETTINGS + "." + setting));
        if (changed.isEmpty() && move.isEmpty() && spec.derived().stream()
                .allMatch(setting -> Objects.equals(stored.get(setting), merged.get(setting)))) {
            return tagged(connection);
        }
        Map<String, String> registered = move.map(WebhookMove::register).orElse(Map.of());
        merged.putAll(registered);
        merged.keySet().stream().filter(setting -> !patch.changedSettings(stored).contains(setting))
                .filter(setting -> !Objects.equals(stored.get(setting), merged.get(setting)))
                .forEach(setting -> changed.add(ConnectionPatch.SETTINGS + "." + setting));
        ConnectionEntity updated;
        try {
            updated = connections.update(id, connection.version(), renamed ? patch.name() : null,
                    merged.equals(stored) ? null : merged);
        } catch (ConnectionNameTakenException | ConnectionChangedException e) {
            move.ifPresent(moving -> moving.withdraw(registered));
            throw e instanceof ConnectionNameTakenException ? nameTaken() : changedSinceRead(id);
        }
        directory.forget(id);
        audit.set("changed " + String.join(", ", changed));
        if (move.isEmpty()) {
            return tagged(updated);
        }
        ConnectionView.WebhookRegistrationView moved = move.get().removeOld(connections.context(updated));
        // Read again: removing the old webhook may have refreshed an OAuth token, which moves the version on.
        ConnectionEntity current = connections.find(id).orElse(updated);
        return Response.ok(view(current).withWebhookRegistration(moved)).tag(EntityTags.of(current.version()))
                .build();
    }

    /**
     * Takes a disabled connection back into service: its webhooks are accepted again and erasure reaches it again.
     * What its disconnect removed in the remote system is not set up again (amoCRM: authorize the connection again,
     * which registers the webhook). Enabling an active connection changes nothing.
     */
    @POST
    @Audited("connection.enable")
    @Path("{id}/enable")
    @APIResponse(responseCode = "200", description = "Active (again, when it already was)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConnectionView.class)))
    public Response enable(@PathParam("id") String id) {
        ConnectionEntity connection = existing(id);
        if (connection.status() == ConnectionStatus.ACTIVE) {
            return tagged(connection);
        }
        ConnectionEntity enabled;
        try {
            enabled = connections.enable(id);
        } catch (ConnectionChangedException e) {
            throw ProblemException.notFound("Connection", id);
        }
        directory.forget(id);
        return tagged(enabled);
    }

    /** Read as bytes: JSON-B would claim an application/merge-patch+json body and fail to bind it to a text. */
    private static String text(InputStream body) {
        try {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ProblemException.invalid("body", "could not be read");
        }
    }

    private void validate(SettingsSpec spec, Map<String, String> settings, List<Problem.FieldError> errors) {
        spec.validate(settings).forEach(violation ->
                errors.add(new Problem.FieldError("settings." + violation.setting(), violation.message())));
    }

    /**
     * The settings Liaison derives from the connection's own webhook URL: under {@code liaison.public-url} when it is
     * set, so that a PATCH after Liaison moved brings them up to date; otherwise the value stored before, or at
     * creation the address this request was sent to.
     */
    private Map<String, String> derived(SettingsSpec spec, String id, Map<String, String> stored) {
        Map<String, String> derived = new LinkedHashMap<>();
        for (String setting : spec.derived()) {
            String value = stored.get(setting);
            if (publicUrl != null || value == null) {
                String base = publicUrl != null ? publicUrl : uriInfo.getBaseUri().toString();
                value = base.replaceAll("/+$", "") + "/hooks/" + id;
            }
            derived.put(setting, value);
        }
        return derived;
    }

    private Response tagged(ConnectionEntity connection) {
        return Response.ok(view(connection)).tag(EntityTags.of(connection.version())).build();
    }

    private static ProblemException nameTaken() {
        return new ProblemException(Response.Status.CONFLICT, "name-taken", "Name taken",
                "another connection of this workspace has this name (names are compared ignoring case)",
                List.of(new Problem.FieldError("name", "is the name of another connection of this workspace")));
    }

    private static ProblemException changedSinceRead(String id) {
        return new ProblemException(Response.Status.PRECONDITION_FAILED, "precondition-failed", "Changed since read",
                "connection " + id + " is not the version If-Match names; GET it again and repeat the change",
                List.of(new Problem.FieldError(HttpHeaders.IF_MATCH, "does not match the current ETag")));
    }

    @GET
    public List<ConnectionView> list() {
        return connections.list().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @APIResponse(responseCode = "200", description = "The connection with its health; ETag is its version, for "
            + "If-Match on PATCH", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConnectionView.class)))
    public Response get(@PathParam("id") String id) {
        ConnectionEntity connection = existing(id);
        return Response.ok(view(connection, health.of(connection))).tag(EntityTags.of(connection.version())).build();
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
        directory.forget(id);
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

    /**
     * One stored delivery with its payload, personal data masked (see {@link MaskedDelivery}): what a dead letter
     * held, to decide between replaying and discarding it.
     */
    @GET
    @Path("{id}/inbox/{entryId}")
    @APIResponse(responseCode = "200", description = "The entry and its masked payload",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MaskedInboxEntryView.class)))
    @APIResponse(responseCode = "404", description = "`not-found`: no such connection, or no such entry of it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MaskedInboxEntryView entry(@PathParam("id") String id, @PathParam("entryId") long entryId) {
        ConnectionEntity connection = existing(id);
        return inbox.find(connection.id(), entryId).map(MaskedDelivery::of).map(MaskedInboxEntryView::of)
                .orElseThrow(() -> ProblemException.notFound("Inbox entry of this connection", Long.toString(entryId)));
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
            throw notDead(entryId);
        }
        return Response.accepted().build();
    }

    @DELETE
    @Audited("connection.inbox.discard")
    @Path("{id}/inbox/{entryId}")
    @APIResponse(responseCode = "204", description = "Discarded: the dead entry is gone")
    @APIResponse(responseCode = "409", description = "`not-dead`: the entry does not exist or is not DEAD",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response discard(@PathParam("id") String id, @PathParam("entryId") long entryId) {
        ConnectionEntity connection = existing(id);
        if (!inbox.discard(connection.id(), entryId)) {
            throw notDead(entryId);
        }
        return Response.noContent().build();
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

    private static ProblemException notDead(long entryId) {
        return new ProblemException(Response.Status.CONFLICT, "not-dead", "Entry is not dead",
                "inbox entry " + entryId + " of this connection does not exist or is not in the DEAD state", List.of());
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
        return view(connection, null);
    }

    private ConnectionView view(ConnectionEntity connection, ConnectionHealthView health) {
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
        Map<String, RejectedDeliveries.Count> refused = rejections.of(connection.id());
        Map<String, Long> rejected = new LinkedHashMap<>();
        refused.forEach((reason, count) -> rejected.put(reason, count.count()));
        ConnectionView.InboxView inboxView = new ConnectionView.InboxView(
                counts.get(InboxStatus.PENDING), counts.get(InboxStatus.DONE), counts.get(InboxStatus.DEAD),
                journal.count(connection.id()),
                newest.isEmpty() ? null : newest.get(0).receivedAt(),
                newestFailure.isEmpty() ? null : newestFailure.get(0).lastError(), rejected,
                refused.values().stream().map(RejectedDeliveries.Count::lastAt).max(Comparator.naturalOrder())
                        .orElse(null));
        return new ConnectionView(connection.id(), connection.kind(), connection.name(), connection.status().name(),
                connection.disconnectError(), connection.webhookPath(), visible, secrets, connection.createdAt(),
                inboxView, health, null);
    }
}
