package dev.liaison.web.security;

import dev.liaison.profile.account.UserAccounts;
import dev.liaison.profile.workspace.WorkspaceContext;
import dev.liaison.profile.workspace.WorkspaceDirectory;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Binds the caller's workspace to the request, so that every query of the request is scoped to it (Hibernate's
 * tenant id and the JDBC stores read {@link WorkspaceContext}). A bearer token names the caller's workspaces in its
 * {@value #CLAIM} claim; an embedded user belongs to the workspace stored with it. A caller in several workspaces
 * picks one with the {@value #HEADER} header.
 * <p>
 * The token's payload is read without checking its signature because the container has already done so: a request
 * whose token failed verification never reaches JAX-RS.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class CallerWorkspace implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String CLAIM = "workspaces";
    public static final String HEADER = "Liaison-Workspace";
    static final String PROPERTY = "liaison.workspace";
    private static final String BEARER = "Bearer ";

    private final UserAccounts accounts;
    private final WorkspaceDirectory workspaces;
    private final Clock clock;

    @Inject
    public CallerWorkspace(UserAccounts accounts, WorkspaceDirectory workspaces, Clock clock) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public CallerWorkspace() {
        this(null, null, null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!underApi(request.getUriInfo().getPath())) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        Principal caller = security == null ? null : security.getUserPrincipal();
        if (caller == null) {
            throw new ProblemException(Response.Status.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                    "The API needs a signed-in caller", List.of());
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        List<String> memberOf = authorization != null && authorization.regionMatches(true, 0, BEARER, 0,
                BEARER.length())
                ? tokenWorkspaces(authorization.substring(BEARER.length()).trim())
                : List.of(accounts.workspaceOf(caller.getName()));
        String workspace = chosen(memberOf, request.getHeaderString(HEADER));
        workspaces.ensureExists(workspace, clock.instant());
        request.setProperty(PROPERTY, workspace);
        WorkspaceContext.enter(workspace);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        WorkspaceContext.clear();
    }

    /** Only the API is signed in; other JAX-RS paths (app installs, callbacks) authenticate their own way. */
    private static boolean underApi(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("api") || relative.startsWith("api/");
    }

    private static String chosen(List<String> memberOf, String requested) {
        if (memberOf.isEmpty()) {
            throw forbidden("The caller belongs to no workspace");
        }
        if (requested == null || requested.isBlank()) {
            if (memberOf.size() > 1) {
                throw ProblemException.invalid(HEADER, "is required: the caller belongs to " + memberOf.size()
                        + " workspaces");
            }
            return memberOf.get(0);
        }
        if (!memberOf.contains(requested)) {
            throw forbidden("The caller does not belong to workspace '" + requested + "'");
        }
        return requested;
    }

    static List<String> tokenWorkspaces(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return List.of();
        }
        JsonObject claims;
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            claims = reader.readObject();
        } catch (RuntimeException e) {
            return List.of();
        }
        JsonValue value = claims.get(CLAIM);
        if (value == null) {
            return List.of();
        }
        return switch (value.getValueType()) {
            case STRING -> List.of(((JsonString) value).getString());
            case ARRAY -> value.asJsonArray().stream()
                    .filter(item -> item.getValueType() == JsonValue.ValueType.STRING)
                    .map(item -> ((JsonString) item).getString())
                    .map(CallerWorkspace::withoutGroupPath)
                    .toList();
            default -> List.of();
        };
    }

    /** Keycloak's group mapper may write full paths ({@code /acme}); the workspace is the group's name. */
    private static String withoutGroupPath(String group) {
        return group.substring(group.lastIndexOf('/') + 1);
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(Response.Status.FORBIDDEN, "forbidden", "Forbidden", detail, List.of());
    }
}
