package dev.liaison.web.install;

import dev.liaison.connector.api.CallbackRequest;
import dev.liaison.connector.api.CallbackResponse;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.InstallReceiver;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The install handler of a connection whose connector is an {@link InstallReceiver}, one URL per connection:
 * {@code /install/bitrix24/{connectionId}} is a Bitrix24 local application's handler ({@code ONAPPINSTALL}, the
 * install page's POST, an OAuth redirect, {@code ONAPPUPDATE}, {@code ONAPPUNINSTALL}). It is outside {@code /api}
 * because the remote system, not a signed-in user, calls it; the connector decides whether a request can be trusted.
 * Unknown kinds, unknown connections and connections of another kind are 404 alike.
 */
@Path("/install/{kind}/{connectionId}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@PermitAll
// The answers of both methods: the remote system may call the handler with either (an install event or page is a POST,
// an OAuth redirect a GET), and the connector answers both alike.
@APIResponse(responseCode = "200", description = "The request was handled; the answer is the connector's (Bitrix24: "
        + "`status` INSTALLED, UPDATED or UNINSTALLED, the portal's `memberId`, the `boundEvents` bound now)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON))
@APIResponse(responseCode = "401",
        description = "`app-request-rejected`: the request is not from the account the connection is bound to",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409",
        description = "`app-install-conflict`: the installation conflicts with the connection",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "502", description = "`{kind}-unavailable` (`bitrix24-unavailable`): the remote "
        + "system failed to answer",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InstallResource {

    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;
    private final String publicUrl;

    @Inject
    public InstallResource(ConnectionDirectory directory, ConnectorRegistry connectors,
                           @ConfigProperty(name = "liaison.public-url") Optional<String> publicUrl) {
        this.directory = directory;
        this.connectors = connectors;
        this.publicUrl = publicUrl.map(String::trim).filter(url -> !url.isEmpty()).orElse(null);
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public InstallResource() {
        this(null, null, Optional.empty());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("kind") String kind, @PathParam("connectionId") String connectionId, String body,
                         @Context UriInfo uriInfo, @Context HttpHeaders headers) {
        return handle(kind, connectionId, "POST", body, uriInfo, headers);
    }

    @GET
    public Response redirect(@PathParam("kind") String kind, @PathParam("connectionId") String connectionId,
                             @Context UriInfo uriInfo, @Context HttpHeaders headers) {
        return handle(kind, connectionId, "GET", "", uriInfo, headers);
    }

    private Response handle(String kind, String connectionId, String method, String body, UriInfo uriInfo,
                            HttpHeaders headers) {
        InstallReceiver receiver = connectors.find(kind, InstallReceiver.class)
                .orElseThrow(() -> ProblemException.notFound("Connection", connectionId));
        ConnectionContext connection = directory.active(connectionId)
                .filter(found -> kind.equals(found.kind()))
                .orElseThrow(() -> ProblemException.notFound("Connection", connectionId));
        URI base = publicBase(uriInfo);
        CallbackRequest request = new CallbackRequest(method, headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                headers.getRequestHeaders(), uriInfo.getRequestUri().getRawQuery(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), base.resolve("hooks/" + connectionId),
                base.resolve("install/" + kind + "/" + connectionId));
        CallbackResponse answer;
        try {
            answer = receiver.receive(connection, request);
        } catch (SetupRefusedException e) {
            throw SetupProblems.of(e);
        } catch (RemoteSystemException e) {
            throw new ProblemException(Response.Status.BAD_GATEWAY, kind + "-unavailable", "Remote system failed",
                    e.getMessage(), List.of());
        } finally {
            directory.forget(connectionId);
        }
        return Response.status(answer.status()).type(answer.contentType()).entity(entity(answer))
                .location(answer.location()).build();
    }

    /**
     * A JSON document goes as the JSON value it is: a String entity of a JSON media type would be taken by the JSON-B
     * provider and written as one JSON string.
     */
    private static Object entity(CallbackResponse answer) {
        if (!MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(answer.contentType()))) {
            return answer.body();
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readValue();
        }
    }

    /**
     * The remote system needs Liaison's public address for the handlers it calls back; behind a reverse proxy the
     * request's own address is an internal one, so {@code liaison.public-url} overrides it.
     */
    private URI publicBase(UriInfo uriInfo) {
        String base = publicUrl == null ? uriInfo.getBaseUri().toString() : publicUrl;
        return URI.create(base.endsWith("/") ? base : base + "/");
    }
}
