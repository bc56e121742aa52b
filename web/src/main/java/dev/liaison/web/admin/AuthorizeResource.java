package dev.liaison.web.admin;

import dev.liaison.connector.api.Authorizable;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Starts the OAuth connect flow of a connection whose connector is {@link Authorizable} (amoCRM): the admin opens the
 * URL this returns, grants access at the vendor, and the vendor redirects to {@code /oauth/{kind}/callback} (see
 * {@code dev.liaison.web.oauth}). Every call issues a new single-use state and replaces the previous one.
 */
@Path("/api/admin/connections/{id}/oauth")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class AuthorizeResource {

    /** The vendor's page to open; it is valid for {@code expiresInSeconds} and for one authorization. */
    public record AuthorizeUrl(String url, long expiresInSeconds) {
    }

    private final ConnectionStore connections;
    private final ConnectorRegistry connectors;

    @Inject
    public AuthorizeResource(ConnectionStore connections, ConnectorRegistry connectors) {
        this.connections = connections;
        this.connectors = connectors;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public AuthorizeResource() {
        this(null, null);
    }

    @GET
    @Path("authorize-url")
    @APIResponse(responseCode = "200", description = "Where to send the admin's browser",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthorizeUrl.class)))
    @APIResponse(responseCode = "409",
            description = "`not-authorizable`: the connection's kind has no OAuth connect flow (only amoCRM has), or "
                    + "the connection lacks a setting the authorization needs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "`unavailable`: the vendor could not be reached; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Audited("connection.oauth.authorize")
    public AuthorizeUrl authorizeUrl(@PathParam("id") String id) {
        ConnectionEntity connection = connections.find(id)
                .orElseThrow(() -> ProblemException.notFound("Connection", id));
        Authorizable connector = connectors.find(connection.kind(), Authorizable.class)
                .orElseThrow(() -> notAuthorizable("kind", "connection " + id + " is of kind '" + connection.kind()
                        + "', which has no OAuth connect flow; this endpoint authorizes " + authorizableKinds()
                        + " connections"));
        try {
            Authorizable.Authorization authorization = connector.authorizationUrl(connections.context(connection));
            return new AuthorizeUrl(authorization.url().toString(), authorization.validFor().toSeconds());
        } catch (SetupRefusedException e) {
            throw notAuthorizable(e.field(), e.getMessage());
        } catch (RemoteSystemException e) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE, "unavailable", "Try again",
                    e.getMessage(), List.of());
        }
    }

    private String authorizableKinds() {
        return String.join(", ", connectors.implementing(Authorizable.class).keySet());
    }

    private static ProblemException notAuthorizable(String field, String message) {
        return new ProblemException(Response.Status.CONFLICT, "not-authorizable", "Connection cannot be authorized",
                field + " " + message, List.of(new Problem.FieldError(field, message)));
    }
}
