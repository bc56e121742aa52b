package dev.liaison.web.console;

import dev.liaison.platform.audit.AuditEvent;
import dev.liaison.platform.stats.ActivityStatistics;
import dev.liaison.profile.compliance.ComplianceSettings;
import dev.liaison.web.compliance.ComplianceRequestBody;
import dev.liaison.web.compliance.ComplianceResource;
import dev.liaison.web.compliance.ReasonBody;
import dev.liaison.web.compliance.RequestView;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.AuditResource;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The compliance officer's desk: data-subject requests sorted by their legal deadline with overdue and due-soon
 * marks, filing a request, recording the verification of the subject's identity, each system's result with retry,
 * the export download, rejecting or extending with a reason, the audit trail and the erasure drops. The API's
 * resource does the work; the console shows its refusals next to the fields they name.
 */
@Path("/console/compliance")
@RequestScoped
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
@Produces(MediaType.TEXT_HTML)
public class CompliancePages {

    private final ConsolePages pages;
    private final ComplianceResource requests;
    private final AuditResource audit;
    private final ActivityStatistics statistics;
    private final ComplianceSettings settings;
    private final Clock clock;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @Inject
    public CompliancePages(ConsolePages pages, ComplianceResource requests, AuditResource audit,
                           ActivityStatistics statistics, ComplianceSettings settings, Clock clock) {
        this.pages = pages;
        this.requests = requests;
        this.audit = audit;
        this.statistics = statistics;
        this.settings = settings;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public CompliancePages() {
        this(null, null, null, null, null, null);
    }

    @GET
    public String queue() {
        return pages.render(queueScreen(Map.of(), Map.of()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response file(@FormParam("type") String type, @FormParam("regime") String regime,
                         @FormParam("email") String email, @FormParam("phone") String phone,
                         @FormParam("externalRef") String externalRef, @FormParam("note") String note) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("type", type);
        typed.put("regime", regime);
        typed.put("email", email);
        typed.put("phone", phone);
        typed.put("externalRef", externalRef);
        typed.put("note", note);
        try {
            RequestView created = (RequestView) requests.create(new ComplianceRequestBody(type, regime,
                    new ComplianceRequestBody.Subject(blankToNull(email), blankToNull(phone),
                            blankToNull(externalRef)), blankToNull(note), Map.of())).getEntity();
            return Response.seeOther(URI.create("/console/compliance/" + created.id())).build();
        } catch (ProblemException refused) {
            Map<String, String> errors = new LinkedHashMap<>();
            FormErrors.of(refused).forEach((field, message) ->
                    errors.put(field.startsWith("subject.") ? field.substring("subject.".length()) : field, message));
            return Response.status(refused.status()).entity(pages.render(queueScreen(typed, errors))).build();
        }
    }

    @GET
    @Path("{id}")
    public String detail(@PathParam("id") String id) {
        return pages.render(detailScreen(requests.get(id), Map.of()));
    }

    @POST
    @Path("{id}/verify")
    public Response verify(@PathParam("id") String id) {
        return act(id, () -> requests.verify(id, security));
    }

    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") String id) {
        return act(id, () -> requests.retry(id));
    }

    @POST
    @Path("{id}/lift-restriction")
    public Response liftRestriction(@PathParam("id") String id) {
        return act(id, () -> requests.liftRestriction(id));
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(@PathParam("id") String id, @FormParam("reason") String reason) {
        return act(id, () -> requests.reject(id, new ReasonBody(reason)));
    }

    @POST
    @Path("{id}/extend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response extend(@PathParam("id") String id, @FormParam("reason") String reason) {
        return act(id, () -> requests.extend(id, new ReasonBody(reason)));
    }

    @GET
    @Path("{id}/export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@PathParam("id") String id) {
        return requests.export(id);
    }

    @GET
    @Path("audit")
    public Response auditTrail(@QueryParam("since") String since, @QueryParam("actor") String actor,
                               @QueryParam("action") String action) {
        Screen screen = Screen.of(request, "compliance/audit").titled("audit_title", "compliance");
        screen.with("since", since == null ? "" : since).with("actor", actor == null ? "" : actor)
                .with("action", action == null ? "" : action);
        try {
            String from = since != null && since.matches("\\d{4}-\\d{2}-\\d{2}") ? since + "T00:00:00Z" : since;
            List<AuditEvent> events = audit.recent(blankToNull(from), "500").stream()
                    .filter(event -> actor == null || actor.isBlank() || event.actor().contains(actor.strip()))
                    .filter(event -> action == null || action.isBlank() || event.action().contains(action.strip()))
                    .toList();
            screen.with("events", events).with("none", events.isEmpty());
            return Response.ok(pages.render(screen)).build();
        } catch (ProblemException refused) {
            screen.with("sinceError", String.join("; ", FormErrors.of(refused).values()));
            return Response.status(refused.status()).entity(pages.render(screen)).build();
        }
    }

    private Response act(String id, Supplier<Object> step) {
        try {
            step.get();
            return Response.seeOther(URI.create("/console/compliance/" + id)).build();
        } catch (ProblemException refused) {
            if (refused.status().getStatusCode() == 404) {
                throw refused;
            }
            return Response.status(refused.status()).entity(pages.render(detailScreen(requests.get(id),
                    FormErrors.of(refused)))).build();
        }
    }

    private Screen queueScreen(Map<String, String> typed, Map<String, String> errors) {
        Screen screen = Screen.of(request, "compliance/queue").titled("compliance_title", "compliance");
        List<RequestView> all = requests.list().stream()
                .sorted(Comparator.comparing(RequestView::dueAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        screen.with("open", all.stream().filter(each -> !finished(each)).map(CompliancePages::row).toList());
        screen.with("closed", all.stream().filter(CompliancePages::finished).map(CompliancePages::row).toList());
        screen.with("dropped", requests.dropped().entrySet().stream()
                .map(entry -> Map.of("system", entry.getKey(), "count", entry.getValue())).toList());
        screen.with("typed", typed).with("errors", errors);
        screen.with("statusChart", statusChart(screen));
        screen.with("types", List.of("ACCESS", "EXPORT", "RECTIFY", "RESTRICT", "ERASE", "OBJECT").stream()
                .map(type -> Map.of("value", type, "label", screen.text("dsr_" + type.toLowerCase(Locale.ROOT)),
                        "selected", type.equals(typed.get("type")))).toList());
        screen.with("regimes", List.of("GDPR", "152FZ").stream().map(regime -> Map.of("value", regime,
                "selected", regime.equals(typed.get("regime")))).toList());
        return screen;
    }

    /** Requests per status, each bar split into overdue, due soon (as the queue marks them), and later. */
    private String statusChart(Screen screen) {
        List<ActivityStatistics.RequestCount> counts = statistics.requestsByStatus(clock.instant(),
                settings.dueSoon());
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder overdue = Json.createArrayBuilder();
        JsonArrayBuilder soon = Json.createArrayBuilder();
        JsonArrayBuilder later = Json.createArrayBuilder();
        for (ActivityStatistics.RequestCount count : counts) {
            boolean open = !List.of("COMPLETED", "REJECTED").contains(count.status());
            labels.add(count.status());
            overdue.add(open ? count.overdue() : 0);
            soon.add(open ? count.dueSoon() : 0);
            later.add(open ? count.count() - count.overdue() - count.dueSoon() : count.count());
        }
        return Json.createObjectBuilder().add("type", "bar").add("stacked", true).add("labels", labels)
                .add("datasets", Json.createArrayBuilder()
                        .add(series(screen.text("overdue"), overdue, "#b71c1c"))
                        .add(series(screen.text("due_soon"), soon, "#ef6c00"))
                        .add(series(screen.text("compliance_later"), later, "#1565c0")))
                .build().toString();
    }

    private static JsonObjectBuilder series(String label, JsonArrayBuilder data, String colour) {
        return Json.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", colour);
    }

    private Screen detailScreen(RequestView found, Map<String, String> errors) {
        Screen screen = Screen.of(request, "compliance/detail").titled("request_title", "compliance");
        screen.with("request", row(found)).with("systems", found.systems()).with("errors", errors)
                .with("errorList", errors.entrySet().stream().map(error -> error.getKey() + ": " + error.getValue())
                        .toList());
        screen.with("canVerify", "RECEIVED".equals(found.status()));
        screen.with("canRetry", "PARTIALLY_COMPLETED".equals(found.status()));
        screen.with("canExport", ("ACCESS".equals(found.type()) || "EXPORT".equals(found.type()))
                && "COMPLETED".equals(found.status()));
        screen.with("canLift", "RESTRICT".equals(found.type()) && "COMPLETED".equals(found.status())
                && found.restrictionLiftedAt() == null);
        screen.with("canDecide", !finished(found));
        return screen;
    }

    private static Map<String, Object> row(RequestView request) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", request.id());
        row.put("type", request.type());
        row.put("regime", request.regime());
        row.put("status", request.status());
        row.put("statusReason", request.statusReason());
        row.put("note", request.note());
        row.put("receivedAt", request.receivedAt());
        row.put("dueAt", request.dueAt());
        row.put("dueDate", request.dueDate());
        row.put("overdue", request.overdue() && !finished(request));
        row.put("dueSoon", request.dueSoon() && !request.overdue() && !finished(request));
        row.put("extended", request.extended());
        row.put("extensionReason", request.extensionReason());
        row.put("verifiedAt", request.verifiedAt());
        row.put("verifiedBy", request.verifiedBy());
        row.put("completedAt", request.completedAt());
        return row;
    }

    private static boolean finished(RequestView request) {
        return List.of("COMPLETED", "REJECTED").contains(request.status());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
