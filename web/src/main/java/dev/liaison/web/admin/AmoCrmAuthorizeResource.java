package dev.liaison.web.admin;

import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.amocrm.AmoAuthorizationException;
import dev.liaison.connectors.amocrm.AmoCrmConnector;
import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStore;
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
 * Starts the OAuth connect flow of an amoCRM connection: the admin opens the URL this returns, grants access in
 * amoCRM, and amoCRM redirects to {@code /oauth/amocrm/callback} (see {@code dev.liaison.web.oauth}). Every call
 * issues a new single-use state and replaces the previous one.
 */
@Path("/api/admin/connections/{id}/oauth")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class AmoCrmAuthorizeResource {

    /** The amoCRM page to open; it is valid for {@code expiresInSeconds} and for one authorization. */
    public record AuthorizeUrl(String url, long expiresInSeconds) {
    }

    private final ConnectionStore connections;
    private final AmoCrmConnector amocrm;

    @Inject
    public AmoCrmAuthorizeResource(ConnectionStore connections, AmoCrmConnector amocrm) {
        this.connections = connections;
        this.amocrm = amocrm;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public AmoCrmAuthorizeResource() {
        this(null, null);
    }

    @GET
    @Path("authorize-url")
    @APIResponse(responseCode = "200", description = "Where to send the admin's browser",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthorizeUrl.class)))
    @APIResponse(responseCode = "409",
            description = "`not-authorizable`: the connection is not an amoCRM connection or lacks a setting the "
                    + "authorization needs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "`unavailable`: amoCRM could not be reached; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Audited("connection.oauth.authorize")
    public AuthorizeUrl authorizeUrl(@PathParam("id") String id) {
        ConnectionEntity connection = connections.find(id)
                .orElseThrow(() -> ProblemException.notFound("Connection", id));
        if (!AmoCrmConnector.KIND.equals(connection.kind())) {
            throw notAuthorizable("kind", "connection " + id + " is of kind '" + connection.kind()
                    + "'; this endpoint authorizes amoCRM (" + AmoCrmConnector.KIND + ") connections");
        }
        try {
            return new AuthorizeUrl(amocrm.authorizationUrl(connections.context(connection)).toString(),
                    AmoCrmConnector.AUTHORIZATION_LIFETIME.toSeconds());
        } catch (AmoAuthorizationException e) {
            throw notAuthorizable(e.field(), e.getMessage());
        } catch (RemoteSystemException e) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE, "unavailable", "Try again",
                    e.getMessage(), List.of());
        }
    }

    private static ProblemException notAuthorizable(String field, String message) {
        return new ProblemException(Response.Status.CONFLICT, "not-authorizable", "Connection cannot be authorized",
                field + " " + message, List.of(new Problem.FieldError(field, message)));
    }
}
