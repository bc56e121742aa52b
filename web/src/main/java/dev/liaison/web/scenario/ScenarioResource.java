package dev.liaison.web.scenario;

import dev.liaison.platform.connection.ConnectionEntity;
import dev.liaison.platform.connection.ConnectionStatus;
import dev.liaison.platform.connection.ConnectionStore;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.scenario.engine.Occurrence;
import dev.liaison.scenario.engine.Scenario;
import dev.liaison.scenario.engine.ScenarioCatalog;
import dev.liaison.scenario.engine.ScenarioEngine;
import dev.liaison.scenario.engine.ScenarioException;
import dev.liaison.scenario.engine.ScenarioStore;
import dev.liaison.scenario.engine.Step;
import dev.liaison.scenario.engine.TriggerType;
import dev.liaison.web.problem.JsonBodies;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Scenarios for CRM admins: upload a definition (each upload of a name is its next version; the newest enabled one
 * runs), read a scenario's versions, switch it off, and try one on a real person without doing anything.
 */
@Path("/api")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CRM_ADMIN)
public class ScenarioResource {

    private static final String DEFINITION = "definition";

    private final ScenarioCatalog catalog;
    private final ScenarioStore store;
    private final ScenarioEngine engine;
    private final ProfileService profiles;
    private final ConnectionStore connections;

    @Inject
    public ScenarioResource(ScenarioCatalog catalog, ScenarioStore store, ScenarioEngine engine,
                            ProfileService profiles, ConnectionStore connections) {
        this.catalog = catalog;
        this.store = store;
        this.engine = engine;
        this.profiles = profiles;
        this.connections = connections;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ScenarioResource() {
        this(null, null, null, null, null);
    }

    public record ScenarioSummary(String name, int version, boolean enabled, String trigger, boolean oncePerProfile,
                                  int steps, String description, Instant savedAt, String savedBy) {
    }

    public record VersionView(int version, boolean enabled, Instant savedAt, String savedBy) {
    }

    public record SavedView(String name, int version, boolean enabled, List<String> warnings) {
    }

    public record ScenarioView(String name, int version, boolean enabled, String source, List<VersionView> versions) {
    }

    @GET
    @Path("admin/scenarios")
    public List<ScenarioSummary> list() {
        Map<String, ScenarioCatalog.Active> active = new LinkedHashMap<>();
        catalog.active().forEach(scenario -> active.put(scenario.scenario().name(), scenario));
        return store.latestDefinitions().stream().map(definition -> {
            ScenarioCatalog.Active running = active.get(definition.name());
            Scenario scenario = running == null ? null : running.scenario();
            return new ScenarioSummary(definition.name(), definition.version(), definition.enabled(),
                    scenario == null ? null : scenario.trigger().eventName(),
                    scenario != null && scenario.oncePerProfile(), scenario == null ? 0 : scenario.steps().size(),
                    scenario == null ? null : scenario.description(), definition.createdAt(), definition.createdBy());
        }).toList();
    }

    @POST
    @Path("admin/scenarios")
    @Audited("scenario.save")
    @APIResponse(responseCode = "201",
            description = "Saved as a new version; warnings name connections that do not exist yet",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SavedView.class)))
    @APIResponse(responseCode = "200",
            description = "The text is the scenario's newest version, which is enabled: no version added, the answer "
                    + "names that one", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SavedView.class)))
    @Transactional
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public Response save(String source, @Context SecurityContext security) {
        String definition = source == null ? "" : source;
        try {
            ScenarioCatalog.Upload upload = catalog.save(definition, caller(security));
            return Response.status(upload.newVersion() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(savedView(upload.saved(), definition)).build();
        } catch (ScenarioException e) {
            throw ProblemException.invalid(DEFINITION, e.getMessage());
        }
    }

    /** The answer to an upload: the version, and the connections it names that do not exist (yet). */
    SavedView savedView(ScenarioCatalog.Saved saved, String definition) throws ScenarioException {
        return new SavedView(saved.name(), saved.version(), saved.enabled(),
                missingConnections(catalog.parser().parse(definition)));
    }

    /**
     * Connections a scenario names that do not exist (yet): not an error, since the admin may connect the mail
     * gateway after writing the scenario, but every run would fail at that step until then.
     */
    private List<String> missingConnections(Scenario scenario) {
        Set<String> active = connections.list().stream()
                .filter(connection -> connection.status() == ConnectionStatus.ACTIVE)
                .map(ConnectionEntity::name).collect(Collectors.toSet());
        List<String> warnings = new ArrayList<>();
        for (int index = 0; index < scenario.steps().size(); index++) {
            Step step = scenario.steps().get(index);
            String named = step instanceof Step.Send send ? send.connection()
                    : step instanceof Step.WriteCrm write ? write.connection() : null;
            if (named != null && !active.contains(named)) {
                warnings.add("step " + (index + 1) + " (" + step.kind() + "): no active connection named '" + named
                        + "'; runs fail at this step until there is one");
            }
        }
        return warnings;
    }

    @GET
    @Path("admin/scenarios/{name}")
    public ScenarioView get(@PathParam("name") String name) {
        List<ScenarioStore.Definition> versions = versions(name);
        ScenarioStore.Definition newest = versions.get(versions.size() - 1);
        return new ScenarioView(newest.name(), newest.version(), newest.enabled(), newest.source(),
                versions.stream().map(version -> new VersionView(version.version(), version.enabled(),
                        version.createdAt(), version.createdBy())).toList());
    }

    /** Switches the scenario off: runs already waiting end when they wake, and no new run starts. */
    @DELETE
    @Path("admin/scenarios/{name}")
    @Audited("scenario.disable")
    @Transactional
    public ScenarioCatalog.Saved disable(@PathParam("name") String name, @Context SecurityContext security) {
        List<ScenarioStore.Definition> versions = versions(name);
        return catalog.disable(versions.get(versions.size() - 1), caller(security));
    }

    /**
     * What a scenario would do for a person and a made-up happening, doing none of it:
     * {@code {"scenario": name | "definition": yaml, "profileId": ..., "event": {"type": "deal.won", ...facts}}}.
     */
    @POST
    @Path("admin/scenarios/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<ScenarioEngine.Preview> dryRun(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"profileId", "event"}, properties = {
                    @SchemaProperty(name = "scenario", type = SchemaType.STRING,
                            description = "An enabled scenario's name; or give its definition"),
                    @SchemaProperty(name = "definition", type = SchemaType.STRING,
                            description = "A scenario's YAML, tried without saving it",
                            example = "scenario: try\ntrigger: {event: deal.won, when: \"deal.amount > 0\"}\n"
                                    + "steps: [{award: {points: 100, reason: first won deal}}]\n"),
                    @SchemaProperty(name = "profileId", type = SchemaType.STRING),
                    @SchemaProperty(name = "event", type = SchemaType.OBJECT,
                            description = "The happening: its type and its facts (single values)",
                            example = "{\"type\": \"deal.won\", \"amount\": 20000}")}))) String body) {
        JsonObject request = JsonBodies.readObject(body);
        Scenario scenario = scenario(request);
        String profileId = text(request, "profileId");
        if (profiles.find(profileId).isEmpty()) {
            throw ProblemException.invalid("profileId", "names no profile");
        }
        JsonValue eventValue = request.get("event");
        if (eventValue == null || eventValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.invalid("event", "is required and must be an object with a 'type'");
        }
        JsonObject event = eventValue.asJsonObject();
        TriggerType type = TriggerType.byEventName(event.getString("type", ""))
                .orElseThrow(() -> ProblemException.invalid("event.type", "must be one of "
                        + String.join(", ", TriggerType.eventNames())));
        Map<String, Object> facts = new LinkedHashMap<>();
        // Facts are single values, as the connectors' events carry them: lists and objects are left out.
        event.forEach((name, value) -> {
            boolean single = value.getValueType() != JsonValue.ValueType.ARRAY
                    && value.getValueType() != JsonValue.ValueType.OBJECT;
            if (!name.equals("type") && single) {
                facts.put(name, JsonBodies.plain(value));
            }
        });
        facts.values().removeIf(value -> value == null);
        return engine.dryRun(scenario, new Occurrence(type, profileId, "dry-run", null, null, facts));
    }

    private Scenario scenario(JsonObject request) {
        if (request.containsKey(DEFINITION)) {
            try {
                return catalog.parser().parse(text(request, DEFINITION));
            } catch (ScenarioException e) {
                throw ProblemException.invalid(DEFINITION, e.getMessage());
            }
        }
        String name = text(request, "scenario");
        return catalog.active().stream().filter(active -> active.scenario().name().equals(name)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("scenario", "names no enabled scenario"))
                .scenario();
    }

    private List<ScenarioStore.Definition> versions(String name) {
        List<ScenarioStore.Definition> versions = store.versions(name);
        if (versions.isEmpty()) {
            throw ProblemException.notFound("Scenario", name);
        }
        return versions;
    }

    static String caller(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? null
                : security.getUserPrincipal().getName();
    }

    private static String text(JsonObject request, String field) {
        JsonValue value = request.get(field);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING
                || ((JsonString) value).getString().isBlank()) {
            throw ProblemException.invalid(field, "is required and must be a string");
        }
        return ((JsonString) value).getString();
    }
}
