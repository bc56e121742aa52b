package dev.liaison.web.security;

import dev.liaison.platform.account.UserAccountStore;
import dev.liaison.platform.audit.AuditEvent;
import dev.liaison.platform.audit.AuditStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.platform.workspace.WorkspaceDirectory;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.OidcSecurityContext;

/**
 * Binds the caller's workspace to the request, so that every query of the request is scoped to it (Hibernate's
 * tenant id and the JDBC stores read {@link WorkspaceContext}).
 * <p>
 * The workspace comes only from what the container verified: an embedded user's or API key's own row, or the
 * {@value #CLAIM} claim of the access token the OIDC subsystem checked (signature, issuer, expiry). A header's token
 * is never decoded here, so a second {@code Authorization} header cannot name another workspace; a request that
 * carries two credentials is refused outright, because which one the container used is not the caller's to choose.
 * A caller in several workspaces picks one with the {@value #HEADER} header, among those it belongs to and the
 * operator registered. Every refusal of a signed-in caller reaches its own workspace's audit trail.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class CallerWorkspace implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String CLAIM = "workspaces";
    public static final String HEADER = "Liaison-Workspace";
    public static final String PROPERTY = "liaison.workspace";
    private static final String REFUSAL = "sign-in.refused";

    private final UserAccountStore accounts;
    private final WorkspaceDirectory workspaces;
    private final AuditStore trail;
    private final Clock clock;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    public CallerWorkspace(UserAccountStore accounts, WorkspaceDirectory workspaces, AuditStore trail, Clock clock) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.trail = trail;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public CallerWorkspace() {
        this(null, null, null, null);
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
        List<String> memberOf = verifiedWorkspaces(caller);
        List<String> credentials = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (credentials != null && credentials.size() > 1) {
            throw refused(caller, memberOf, new ProblemException(Response.Status.BAD_REQUEST, "ambiguous-credentials",
                    "More than one credential", "Send exactly one Authorization header",
                    List.of(new Problem.FieldError(HttpHeaders.AUTHORIZATION, "must appear once"))));
        }
        String workspace = chosen(caller, memberOf, request.getHeaderString(HEADER));
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

    /** The workspaces the container vouches for: the verified token's claim, or the embedded user's or key's row. */
    private List<String> verifiedWorkspaces(Principal caller) {
        OidcSecurityContext oidc = caller instanceof OidcPrincipal<?> principal
                ? principal.getOidcSecurityContext()
                : verifiedTokenContext();
        if (oidc != null && oidc.getToken() != null) {
            return claimedWorkspaces(oidc.getToken().getClaimValue(CLAIM));
        }
        return List.of(accounts.workspaceOf(caller.getName()));
    }

    /** The OIDC subsystem keeps the verified token's context on the request; null for an embedded sign-in. */
    private OidcSecurityContext verifiedTokenContext() {
        Object context = servletRequest == null ? null
                : servletRequest.getAttribute(OidcSecurityContext.class.getName());
        return context instanceof OidcSecurityContext verified ? verified : null;
    }

    static List<String> claimedWorkspaces(Object claim) {
        if (claim instanceof String single) {
            return List.of(withoutGroupPath(single));
        }
        if (claim instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast)
                    .map(CallerWorkspace::withoutGroupPath).toList();
        }
        return List.of();
    }

    /** Keycloak's group mapper may write full paths ({@code /acme}); the workspace is the group's name. */
    private static String withoutGroupPath(String group) {
        return group.substring(group.lastIndexOf('/') + 1);
    }

    private String chosen(Principal caller, List<String> memberOf, String requested) {
        List<String> registered = memberOf.stream().filter(workspaces::exists).toList();
        if (registered.isEmpty()) {
            throw forbidden(memberOf.isEmpty() ? "The caller belongs to no workspace"
                    : "The caller's workspace is not registered on this server (liaison.workspaces)");
        }
        if (requested == null || requested.isBlank()) {
            if (registered.size() > 1) {
                throw refused(caller, registered, ProblemException.invalid(HEADER, "is required: the caller belongs to "
                        + registered.size() + " workspaces"));
            }
            return registered.get(0);
        }
        if (!registered.contains(requested)) {
            throw refused(caller, registered, forbidden("The caller does not belong to the workspace it named"));
        }
        return requested;
    }

    /** Records the refusal in the caller's own workspace, where its officer looks, and hands the problem back. */
    private ProblemException refused(Principal caller, List<String> memberOf, ProblemException problem) {
        memberOf.stream().filter(workspaces::exists).findFirst().ifPresent(workspace -> trail.record(new AuditEvent(
                workspace, clock.instant(), caller.getName(), REFUSAL, null, AuditEvent.Outcome.REFUSED,
                problem.status().getStatusCode(), problem.getMessage())));
        return problem;
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(Response.Status.FORBIDDEN, "forbidden", "Forbidden", detail, List.of());
    }
}
