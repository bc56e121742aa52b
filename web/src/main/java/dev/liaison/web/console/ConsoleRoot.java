package dev.liaison.web.console;

import dev.liaison.platform.account.ConsoleSessionStore;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's entrance (each role lands on its first screen), signing out (a POST with the session's CSRF token,
 * so no other site can sign a user out) and choosing the console's language, which is kept in a cookie and takes
 * effect on the page the user came from.
 */
@Path("/console")
@RequestScoped
@PermitAll
public class ConsoleRoot {

    private final ConsoleSessionStore sessions;
    private final String cookieSecurity;

    @Context
    HttpServletRequest request;

    @Inject
    public ConsoleRoot(ConsoleSessionStore sessions,
                   @ConfigProperty(name = "liaison.console.secure-cookie", defaultValue = "auto") String cookieSecurity) {
        this.sessions = sessions;
        this.cookieSecurity = cookieSecurity;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ConsoleRoot() {
        this(null, "auto");
    }

    @GET
    public Response home() {
        String first = request.isUserInRole(Roles.CRM_ADMIN) ? "/console/dashboard"
                : request.isUserInRole(Roles.COMPLIANCE_OFFICER) ? "/console/compliance" : "/console/people";
        return Response.seeOther(URI.create(request.getContextPath() + first)).build();
    }

    @POST
    @Path("logout")
    public Response signOut() {
        sessions.close(ConsoleGate.cookie(request, ConsoleGate.SESSION_COOKIE));
        return Response.seeOther(URI.create(request.getContextPath() + SignInPage.PATH))
                .cookie(ConsoleCookies.cookie(request, cookieSecurity, ConsoleGate.SESSION_COOKIE, "", "/console", 0))
                .build();
    }

    @GET
    @Path("language")
    public Response language(@QueryParam("to") String language, @QueryParam("back") String back) {
        String chosen = ConsoleLocale.SUPPORTED.contains(language) ? language : ConsoleLocale.SUPPORTED.get(0);
        return Response.seeOther(URI.create(request.getContextPath() + SignInPage.localNext(back)))
                .cookie(ConsoleCookies.cookie(request, cookieSecurity, ConsoleLocale.COOKIE, chosen, "/console",
                        60 * 60 * 24 * 365))
                .build();
    }
}
