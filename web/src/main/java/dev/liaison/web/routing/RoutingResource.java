package dev.liaison.web.routing;

import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentitySettings;
import dev.liaison.profile.identity.InvalidIdentifierException;
import dev.liaison.scenario.routing.Decision;
import dev.liaison.scenario.routing.RoutingContext;
import dev.liaison.scenario.routing.RoutingRules;
import dev.liaison.scenario.routing.RoutingRulesException;
import dev.liaison.scenario.tickets.RoutingService;
import dev.liaison.scenario.tickets.RoutingTrace;
import dev.liaison.scenario.tickets.RoutingTraceStore;
import dev.liaison.scenario.tickets.RuleSetStore;
import dev.liaison.web.problem.JsonBodies;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Routing for support teams and CRM admins: why each ticket went where it went, the active rules (replace them
 * with a validated YAML file) and a dry run that decides a ticket without touching the help desk.
 */
@Path("/api")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class RoutingResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final RoutingService routing;
    private final RoutingTraceStore traces;
    private final IdentitySettings identities;

    @Inject
    public RoutingResource(RoutingService routing, RoutingTraceStore traces, IdentitySettings identities) {
        this.routing = routing;
        this.traces = traces;
        this.identities = identities;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public RoutingResource() {
        this(null, null, null);
    }

    /** {@code requestId}: the correlation id of the webhook delivery that led to the decision. */
    public record DecisionTrace(String connectionId, String ticketId, String rule, String assignee,
                                String ticketStatus, JsonObject trace, Instant decidedAt, String actionStatus,
                                String actionResult, String actionError, String requestId) {
    }

    public record RuleSetView(int version, Instant createdAt, String source) {
    }

    @GET
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.CRM_ADMIN})
    @Path("routing/decisions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DecisionTrace> decisions(@QueryParam("ticket") String ticketId) {
        if (ticketId == null || ticketId.isBlank()) {
            throw ProblemException.invalid("ticket", "is required");
        }
        return traces.forTicket(ticketId).stream().map(trace -> new DecisionTrace(trace.connectionId(),
                trace.ticketId(), trace.ruleName(), trace.assignee(), trace.ticketStatus(), parse(trace.trace()),
                trace.createdAt(), trace.actionStatus(), trace.actionResult(), trace.actionError(), trace.requestId()))
                .toList();
    }

    @GET
    @Path("admin/routing/rules")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The active rule set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RuleSetView.class)))
    @APIResponse(responseCode = "404", description = "`not-found`: no rule set has been stored yet")
    public RuleSetView rules() {
        RuleSetStore.StoredRuleSet active = routing.activeSource()
                .orElseThrow(() -> ProblemException.notFound("A stored routing rule set"));
        return new RuleSetView(active.version(), active.createdAt(), active.source());
    }

    @PUT
    @Audited("routing.rules.replace")
    @APIResponse(responseCode = "200", description = "Replaced; the answer names the new version")
    @Path("admin/routing/rules")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response replaceRules(String source) {
        try {
            int version = routing.replaceRules(source == null ? "" : source);
            return Response.ok(Map.of("version", version)).build();
        } catch (RoutingRulesException e) {
            throw ProblemException.invalid("rules", e.getMessage());
        }
    }

    /**
     * Decides a ticket without routing it: {@code {"ticket": {...}, "requester": {"email"|"phone"|"externalRef"}}}.
     * Conditions see the requester's real profile, so an admin can test a rule change against a known customer.
     */
    @POST
    @Path("admin/routing/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The decision and the trace of every rule tried")
    @APIResponse(responseCode = "404", description = "`not-found`: no rule set has been stored yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JsonObject dryRun(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "ticket", properties = {
                    @SchemaProperty(name = "ticket", type = SchemaType.OBJECT,
                            description = "The ticket's fields as the conditions see them",
                            example = "{\"id\": \"1\", \"subject\": \"Refund\", \"priority\": \"high\"}"),
                    @SchemaProperty(name = "requester", type = SchemaType.OBJECT,
                            description = "The person whose profile the conditions see: an email or a phone",
                            example = "{\"email\": \"anna@example.com\"}")}))) String body) {
        JsonObject request = JsonBodies.readObject(body);
        JsonValue ticketValue = request.get("ticket");
        if (ticketValue == null || ticketValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.invalid("ticket", "is required and must be an object");
        }
        RoutingRules rules = routing.activeRules()
                .orElseThrow(() -> ProblemException.notFound("An active routing rule set"));
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticketValue.asJsonObject().forEach((name, value) -> ticket.put(name, JsonBodies.plain(value)));
        Decision decision = routing.decide(rules, new RoutingContext(ticket, routing.profileFacts(requester(request)),
                List.of(), Map.of()));
        return parse(RoutingTrace.of(decision));
    }

    private Optional<Identity> requester(JsonObject request) {
        Optional<JsonObject> requester = JsonBodies.optionalObject(request, "requester", "requester");
        if (requester.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> email = JsonBodies.optionalText(requester.get(), "email", "requester.email");
        Optional<String> phone = JsonBodies.optionalText(requester.get(), "phone", "requester.phone");
        try {
            if (email.isPresent()) {
                return Optional.of(identities.normalizer().email(email.get()));
            }
            if (phone.isPresent()) {
                return Optional.of(identities.normalizer().phone(phone.get()));
            }
        } catch (InvalidIdentifierException e) {
            throw ProblemException.invalid(email.isPresent() ? "requester.email" : "requester.phone", e.getMessage());
        }
        throw ProblemException.invalid("requester", "must name an email or a phone");
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
