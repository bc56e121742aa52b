package dev.liaison.web.security;

import dev.liaison.platform.account.UserAccountStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.web.edge.EdgeExtension;
import dev.liaison.web.edge.SignInThrottle;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * The sign-in throttle as an operator sees it on this node: which addresses (and accounts from them) must wait after
 * failed sign-ins, and a way to let them try again at once. Accounts of other workspaces are not shown and cannot be
 * released; an address is shown without an account when it failed for many.
 */
@Path("/api/admin/sign-in-throttle")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class SignInThrottleResource {

    private final UserAccountStore accounts;
    private final Clock clock;

    @Inject
    public SignInThrottleResource(UserAccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public SignInThrottleResource() {
        this(null, null);
    }

    @GET
    public List<SignInThrottle.Block> blocked(@Context ServletContext servletContext) {
        return throttle(servletContext).blocked(clock.instant()).stream()
                .filter(block -> block.account() == null || ownAccount(block.account()))
                .toList();
    }

    /** Lets an address, or an account of this workspace from every address, sign in again at once. */
    @DELETE
    @Audited("sign-in-throttle.release")
    public Response release(@QueryParam("address") String address, @QueryParam("account") String account,
                            @Context ServletContext servletContext) {
        if ((address == null) == (account == null)) {
            throw ProblemException.invalid("address", "give either address or account, not both and not neither");
        }
        if (account != null && !ownAccount(account)) {
            throw ProblemException.notFound("Account", account);
        }
        if (!throttle(servletContext).release(address, account)) {
            throw ProblemException.notFound(address != null ? "A block of that address" : "A block of that account");
        }
        return Response.noContent().build();
    }

    private boolean ownAccount(String account) {
        try {
            return WorkspaceContext.current().equals(accounts.workspaceOf(account));
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static SignInThrottle throttle(ServletContext servletContext) {
        return (SignInThrottle) servletContext.getAttribute(EdgeExtension.THROTTLE_ATTRIBUTE);
    }
}
