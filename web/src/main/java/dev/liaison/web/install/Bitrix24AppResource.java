package dev.liaison.web.install;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.bitrix24.AppRequestException;
import dev.liaison.connectors.bitrix24.AppRequestResult;
import dev.liaison.connectors.bitrix24.Bitrix24Connector;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The handler URL of a Bitrix24 local application, one per connection: {@code ONAPPINSTALL}, the install page's
 * POST, an OAuth redirect ({@code GET ?code=...}), {@code ONAPPUPDATE} and {@code ONAPPUNINSTALL}. It is outside
 * {@code /api} because the portal, not a signed-in user, calls it; the connector trusts a request only through the
 * OAuth server and the stored application token. Unknown connections and connections of other kinds are 404 alike.
 */
@Path("/install/bitrix24/{connectionId}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@PermitAll
public class Bitrix24AppResource {

    private static final Logger LOG = Logger.getLogger(Bitrix24AppResource.class.getName());

    private final ConnectionDirectory directory;
    private final Bitrix24Connector connector;
    private final String publicUrl;

    @Inject
    public Bitrix24AppResource(ConnectionDirectory directory, Bitrix24Connector connector,
                               @ConfigProperty(name = "liaison.public-url") Optional<String> publicUrl) {
        this.directory = directory;
        this.connector = connector;
        this.publicUrl = publicUrl.map(String::trim).filter(url -> !url.isEmpty()).orElse(null);
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public Bitrix24AppResource() {
        this(null, null, Optional.empty());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "The application request was handled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AppRequestView.class)))
    @APIResponse(responseCode = "401",
            description = "`app-request-rejected`: the request is not from the portal the connection is bound to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409",
            description = "`app-install-conflict`: the installation conflicts with the connection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "`bitrix24-unavailable`: the portal failed to answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AppRequestView post(@PathParam("connectionId") String connectionId, String body,
                               @Context UriInfo uriInfo) {
        return handle(connectionId, body, uriInfo);
    }

    @GET
    @APIResponse(responseCode = "200", description = "The application request was handled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AppRequestView.class)))
    @APIResponse(responseCode = "401",
            description = "`app-request-rejected`: the request is not from the portal the connection is bound to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409",
            description = "`app-install-conflict`: the installation conflicts with the connection",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "`bitrix24-unavailable`: the portal failed to answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AppRequestView redirect(@PathParam("connectionId") String connectionId, @Context UriInfo uriInfo) {
        return handle(connectionId, "", uriInfo);
    }

    private AppRequestView handle(String connectionId, String body, UriInfo uriInfo) {
        ConnectionContext connection = directory.active(connectionId)
                .filter(found -> Bitrix24Connector.KIND.equals(found.kind()))
                .orElseThrow(() -> ProblemException.notFound("Bitrix24 connection", connectionId));
        URI base = publicBase(uriInfo);
        AppRequestResult result;
        try {
            result = connector.handleAppRequest(connection, body, uriInfo.getRequestUri().getRawQuery(),
                    base.resolve("hooks/" + connectionId), base.resolve("install/bitrix24/" + connectionId));
        } catch (AppRequestException e) {
            throw problem(e);
        } catch (RemoteSystemException e) {
            throw new ProblemException(Response.Status.BAD_GATEWAY, "bitrix24-unavailable", "Bitrix24 failed",
                    e.getMessage(), List.of());
        } finally {
            directory.forget(connectionId);
        }
        LOG.info(() -> "Bitrix24 application " + result.action().name().toLowerCase(Locale.ROOT)
                + " for connection " + connectionId + "; events bound now: " + result.boundEvents());
        return new AppRequestView(result.action().name(), result.memberId(), result.boundEvents());
    }

    /**
     * The portal needs Liaison's public address for the handlers it calls back; behind a reverse proxy the request's
     * own address is an internal one, so {@code liaison.public-url} overrides it.
     */
    private URI publicBase(UriInfo uriInfo) {
        String base = publicUrl == null ? uriInfo.getBaseUri().toString() : publicUrl;
        return URI.create(base.endsWith("/") ? base : base + "/");
    }

    private static ProblemException problem(AppRequestException e) {
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(e.field(), e.getMessage()));
        return switch (e.reason()) {
            case INVALID -> ProblemException.invalid(errors);
            case UNAUTHORIZED -> new ProblemException(Response.Status.UNAUTHORIZED, "app-request-rejected",
                    "Application request rejected", e.field() + " " + e.getMessage(), errors);
            case CONFLICT -> new ProblemException(Response.Status.CONFLICT, "app-install-conflict",
                    "Installation conflicts with the connection", e.field() + " " + e.getMessage(), errors);
        };
    }
}
