package dev.liaison.web.security;

import dev.liaison.platform.account.UserAccountStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The embedded sign-in's users of the caller's workspace: the people of a team who sign in to the console (and the
 * API) with their own name and password and only the roles their work needs. A crm-admin creates them, with roles
 * it holds itself. With Keycloak, users live in Keycloak and these are not used.
 */
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class UserResource {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,63}");

    private final UserAccountStore accounts;
    private final Clock clock;

    /** The body of {@code POST /api/admin/users}. */
    public record UserRequest(String username, String password, List<String> roles) {

        @Override
        public String toString() {
            return "UserRequest[username=" + username + ", roles=" + roles + "]";
        }
    }

    @Inject
    public UserResource(UserAccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public UserResource() {
        this(null, null);
    }

    @GET
    public List<UserAccountStore.UserAccount> list() {
        return accounts.list();
    }

    @POST
    @Audited("user.create")
    @APIResponse(responseCode = "201", description = "Created; the user signs in with this name and password",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UserAccountStore.UserAccount.class)))
    public Response create(UserRequest request, @Context SecurityContext security) {
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String username = request.username() == null ? "" : request.username().trim();
        if (!USERNAME.matcher(username).matches()) {
            errors.add(new Problem.FieldError("username", "must be 3 to 64 letters, digits or . _ @ -, starting "
                    + "with a letter or digit"));
        } else if (username.startsWith("lk_")) {
            errors.add(new Problem.FieldError("username", "must not start with lk_, which names API keys"));
        }
        String password = request.password() == null ? "" : request.password();
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            errors.add(new Problem.FieldError("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters long"));
        }
        Set<String> roles = request.roles() == null ? Set.of() : new LinkedHashSet<>(request.roles());
        if (roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
            errors.add(new Problem.FieldError("roles", "must name at least one of " + Roles.ALL + " and nothing else"));
        } else {
            roles.stream().filter(role -> !security.isUserInRole(role)).findFirst().ifPresent(role -> errors.add(
                    new Problem.FieldError("roles", "'" + role + "' is not a role of the caller, and a user it "
                            + "creates can hold only those")));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!accounts.createIfAbsent(username, PasswordHashes.bcrypt(password.toCharArray()),
                WorkspaceContext.current(), roles, now)) {
            throw ProblemException.invalid("username", "is taken");
        }
        return Response.created(UriBuilder.fromPath("/api/admin/users/{name}").build(username))
                .entity(new UserAccountStore.UserAccount(username, roles, now)).build();
    }
}
