package dev.liaison.web.console;

import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Roles;
import dev.liaison.web.security.UserResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The team's embedded users: who signs in with which roles, and adding a colleague with the roles their work needs. */
@Path("/console/users")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class UserPages {

    private final ConsolePages pages;
    private final UserResource users;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @Inject
    public UserPages(ConsolePages pages, UserResource users) {
        this.pages = pages;
        this.users = users;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public UserPages() {
        this(null, null);
    }

    @GET
    public String list() {
        return pages.render(screen("", List.of(), Map.of()));
    }

    @POST
    public Response create() {
        String username = request.getParameter("username");
        List<String> roles = request.getParameterValues("roles") == null ? List.of()
                : Arrays.asList(request.getParameterValues("roles"));
        try {
            users.create(new UserResource.UserRequest(username, request.getParameter("password"), roles), security);
            return Response.seeOther(URI.create("/console/users")).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(pages.render(screen(username == null ? "" : username,
                    roles, FormErrors.of(refused)))).build();
        }
    }

    private Screen screen(String username, List<String> roles, Map<String, String> errors) {
        Screen screen = Screen.of(request, "users").titled("users_title", "users");
        screen.with("users", users.list()).with("username", username).with("errors", errors);
        screen.with("roles", Roles.ALL.stream().map(role -> Map.of("role", role, "label",
                screen.text("role_" + role.replace('-', '_')), "checked", roles.contains(role))).toList());
        return screen;
    }
}
