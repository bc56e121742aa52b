package dev.liaison.web.console;

import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.routing.RoutingResource;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/**
 * The help-desk routing rules: the active set with its version, an editor that shows a refusal at its line, and a
 * dry run that decides a made-up ticket for a real requester without routing anything.
 */
@Path("/console/routing")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class RoutingPages {

    private final ConsolePages pages;
    private final RoutingResource routing;

    @Context
    HttpServletRequest request;

    @Inject
    public RoutingPages(ConsolePages pages, RoutingResource routing) {
        this.pages = pages;
        this.routing = routing;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public RoutingPages() {
        this(null, null);
    }

    @GET
    public String rules() {
        return pages.render(screen(null, null, Map.of()));
    }

    @POST
    public Response save() {
        String source = request.getParameter("rules");
        try {
            routing.replaceRules(source);
            return Response.seeOther(URI.create("/console/routing")).build();
        } catch (ProblemException refused) {
            String error = String.join("; ", FormErrors.of(refused).values());
            return Response.status(refused.status()).entity(pages.render(screen(source == null ? "" : source, error,
                    Map.of()))).build();
        }
    }

    @POST
    @Path("dry-run")
    public Response dryRun() {
        Map<String, String> typed = Map.of(
                "subject", valueOf("subject"), "priority", valueOf("priority"), "requester", valueOf("requester"));
        JsonObjectBuilder ticket = Json.createObjectBuilder().add("id", "dry-run")
                .add("subject", typed.get("subject")).add("priority", typed.get("priority"));
        JsonObjectBuilder body = Json.createObjectBuilder().add("ticket", ticket);
        String requester = typed.get("requester");
        if (!requester.isBlank()) {
            body.add("requester", Json.createObjectBuilder().add(requester.contains("@") ? "email" : "phone",
                    requester));
        }
        Screen screen = screen(null, null, typed);
        try {
            JsonObject decision = routing.dryRun(body.build().toString());
            return Response.ok(pages.render(screen.with("decision", ConsolePages.pretty(decision)))).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(pages.render(screen.with("dryRunError",
                    String.join("; ", FormErrors.of(refused).values())))).build();
        }
    }

    private String valueOf(String field) {
        String value = request.getParameter(field);
        return value == null ? "" : value.strip();
    }

    private Screen screen(String typed, String error, Map<String, String> dryRun) {
        Screen screen = Screen.of(request, "routing").titled("routing_title", "routing");
        String source = typed;
        try {
            RoutingResource.RuleSetView active = routing.rules();
            screen.with("active", active);
            if (source == null) {
                source = active.source();
            }
        } catch (ProblemException none) {
            screen.with("noRules", true);
        }
        screen.with("editor", SourceEditor.withError(source == null ? "" : source, error));
        screen.with("dry", dryRun);
        return screen;
    }
}
