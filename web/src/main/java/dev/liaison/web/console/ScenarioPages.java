package dev.liaison.web.console;

import dev.liaison.scenario.engine.ScenarioEngine;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.scenario.ExampleResource;
import dev.liaison.web.scenario.ScenarioResource;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Scenarios: every one with its newest version and whether it runs, an editor per scenario that shows a refusal at
 * its line, a dry run against a real person before saving, and switching a scenario off and on again.
 */
@Path("/console/scenarios")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class ScenarioPages {

    private final ConsolePages pages;
    private final ScenarioResource scenarios;
    private final ExampleResource examples;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @Inject
    public ScenarioPages(ConsolePages pages, ScenarioResource scenarios, ExampleResource examples) {
        this.pages = pages;
        this.scenarios = scenarios;
        this.examples = examples;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ScenarioPages() {
        this(null, null, null);
    }

    @GET
    public String list() {
        return pages.render(listScreen("", null));
    }

    @GET
    @Path("{name}")
    public String scenario(@PathParam("name") String name) {
        ScenarioResource.ScenarioView found = scenarios.get(name);
        return pages.render(scenarioScreen(found, found.source(), null));
    }

    /** Saves a new scenario or the next version of one; a refusal is shown on the page it came from. */
    @POST
    public Response save() {
        String source = valueOf("definition");
        String from = valueOf("name");
        if ("dry-run".equals(request.getParameter("action"))) {
            return dryRun(source, from);
        }
        try {
            ScenarioResource.SavedView saved = (ScenarioResource.SavedView) scenarios.save(source, security)
                    .getEntity();
            return Response.seeOther(URI.create("/console/scenarios/"
                    + URLEncoder.encode(saved.name(), StandardCharsets.UTF_8).replace("+", "%20"))).build();
        } catch (ProblemException refused) {
            String error = String.join("; ", FormErrors.of(refused).values());
            return Response.status(refused.status()).entity(pages.render(from.isEmpty() ? listScreen(source, error)
                    : scenarioScreen(scenarios.get(from), source, error))).build();
        }
    }

    @POST
    @Path("{name}/disable")
    public Response disable(@PathParam("name") String name) {
        scenarios.disable(name, security);
        return Response.seeOther(URI.create(request.getRequestURI().replaceFirst("/disable$", ""))).build();
    }

    @POST
    @Path("{name}/enable")
    public Response enable(@PathParam("name") String name) {
        scenarios.save(scenarios.get(name).source(), security);
        return Response.seeOther(URI.create(request.getRequestURI().replaceFirst("/enable$", ""))).build();
    }

    /** Imports a shipped example (a scenario, or the routing rules) as its next version; the same one again adds none. */
    @POST
    @Path("examples/{name}")
    public Response importExample(@PathParam("name") String name) {
        examples.importExample(name, security);
        return Response.seeOther(URI.create("/console/scenarios?imported=" + URLEncoder.encode(name,
                StandardCharsets.UTF_8))).build();
    }

    private Response dryRun(String source, String from) {
        Screen screen = from.isEmpty() ? listScreen(source, null) : scenarioScreen(scenarios.get(from), source, null);
        String profileId = valueOf("profileId");
        String eventType = valueOf("eventType");
        screen.with("dry", Map.of("profileId", profileId, "eventType", eventType, "facts", valueOf("facts")));
        try {
            JsonObjectBuilder event = Json.createObjectBuilder(facts(valueOf("facts"))).add("type", eventType);
            List<ScenarioEngine.Preview> preview = scenarios.dryRun(Json.createObjectBuilder()
                    .add("definition", source).add("profileId", profileId).add("event", event).build().toString());
            return Response.ok(pages.render(screen.with("preview", preview))).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(pages.render(screen.with("dryRunErrors",
                    FormErrors.of(refused)))).build();
        }
    }

    private static JsonObject facts(String typed) {
        if (typed.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            JsonValue value = Json.createReader(new StringReader(typed)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.invalid("facts", "must be a JSON object such as {\"amount\": 20000}");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw ProblemException.invalid("facts", "is not JSON: write an object such as {\"amount\": 20000}");
        }
    }

    private String valueOf(String field) {
        String value = request.getParameter(field);
        return value == null ? "" : value;
    }

    private Screen listScreen(String source, String error) {
        Screen screen = Screen.of(request, "scenarios/list").titled("scenarios_title", "scenarios");
        screen.with("scenarios", scenarios.list());
        screen.with("examples", examples.list());
        String imported = request.getParameter("imported");
        if (imported != null) {
            screen.with("flash", screen.text("scenario_imported", imported));
        }
        screen.with("editor", SourceEditor.withError(source, error));
        return screen;
    }

    private Screen scenarioScreen(ScenarioResource.ScenarioView found, String source, String error) {
        Screen screen = Screen.of(request, "scenarios/scenario").titled("scenario_title", "scenarios");
        screen.with("title", found.name());
        screen.with("scenario", found);
        List<ScenarioResource.VersionView> newestFirst = new ArrayList<>(found.versions());
        Collections.reverse(newestFirst);
        screen.with("versions", newestFirst);
        screen.with("editor", SourceEditor.withError(source, error));
        return screen;
    }
}
