package dev.liaison.web.admin;

import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.sync.SyncControl;
import dev.liaison.platform.sync.SyncState;
import dev.liaison.web.problem.JsonBodies;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A connection's pull sync: its progress, run now (or a full resync), pause and resume. Only for connections whose
 * connector pulls records (Bitrix24, amoCRM, Zendesk); others answer 409 {@code no-record-source}.
 */
@Path("/api/admin/connections/{id}/sync")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class ConnectionSyncResource {

    private final ConnectionStore connections;
    private final SyncControl sync;
    private final Clock clock;

    @Inject
    public ConnectionSyncResource(ConnectionStore connections, SyncControl sync, Clock clock) {
        this.connections = connections;
        this.sync = sync;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ConnectionSyncResource() {
        this(null, null, null);
    }

    @GET
    @APIResponse(responseCode = "200", description = "The sync's phase, counters, rate and schedule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SyncView.class)))
    @APIResponse(responseCode = "404", description = "No such connection, or its sync was never started")
    @APIResponse(responseCode = "409", description = "`no-record-source`: the connector pulls no records")
    public SyncView get(@PathParam("id") String id) {
        return view(sync.state(pulling(id).id()));
    }

    /** Runs the sync now; {@code {"full": true}} reads everything again from the beginning. */
    @POST
    @Audited("connection.sync.run")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @APIResponse(responseCode = "202", description = "Due now; a worker picks it up",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SyncView.class)))
    @APIResponse(responseCode = "400", description = "The body is not `{\"full\": true|false}`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such connection")
    @APIResponse(responseCode = "409", description = "`no-record-source`: the connector pulls no records")
    public Response run(@PathParam("id") String id, @RequestBody(required = false, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, example = "{\"full\": true}")) String body) {
        boolean full = full(body);
        ConnectionEntity connection = pulling(id);
        SyncState state = sync.runNow(connection.id(), full, connections.settings(connection));
        return Response.accepted(SyncView.of(state, clock)).build();
    }

    @POST
    @Audited("connection.sync.pause")
    @Path("pause")
    @APIResponse(responseCode = "200", description = "Paused; a run under way stops after its current page")
    @APIResponse(responseCode = "404", description = "No such connection, or its sync was never started")
    @APIResponse(responseCode = "409", description = "`no-record-source`: the connector pulls no records")
    public SyncView pause(@PathParam("id") String id) {
        return view(sync.pause(pulling(id).id()));
    }

    @POST
    @Audited("connection.sync.resume")
    @Path("resume")
    @APIResponse(responseCode = "200", description = "Due now, resuming an unfinished run; a sync that was not "
            + "paused is left as it is")
    @APIResponse(responseCode = "404", description = "No such connection, or its sync was never started")
    @APIResponse(responseCode = "409", description = "`no-record-source`: the connector pulls no records")
    public SyncView resume(@PathParam("id") String id) {
        return view(sync.resume(pulling(id).id()));
    }

    /** The body is optional; given, it is an object whose only member is the boolean {@code full}. */
    static boolean full(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        JsonObject request = JsonBodies.readObject(body);
        for (String member : request.keySet()) {
            if (!"full".equals(member)) {
                throw ProblemException.invalid(member.matches("[A-Za-z0-9_]{1,64}") ? member : "body",
                        "is not a field of this request; the only one is 'full'");
            }
        }
        JsonValue full = request.get("full");
        if (full == null || full == JsonValue.NULL || full == JsonValue.FALSE) {
            return false;
        }
        if (full == JsonValue.TRUE) {
            return true;
        }
        throw ProblemException.invalid("full", "must be true or false");
    }

    private ConnectionEntity pulling(String id) {
        ConnectionEntity connection = connections.find(id)
                .orElseThrow(() -> ProblemException.notFound("Connection", id));
        if (!sync.pulls(connection.kind())) {
            throw new ProblemException(Response.Status.CONFLICT, "no-record-source", "Connection does not sync",
                    "connections of kind " + connection.kind() + " push events only; there is nothing to pull",
                    List.of());
        }
        return connection;
    }

    private SyncView view(Optional<SyncState> state) {
        return state.map(known -> SyncView.of(known, clock)).orElseThrow(() -> new ProblemException(
                Response.Status.NOT_FOUND, "not-found", "Not found", "the sync of this connection was never "
                + "started; POST to it to start it", List.of()));
    }
}
