package dev.liaison.web.console;

import dev.liaison.web.loyalty.LoyaltyResource;
import dev.liaison.web.loyalty.LoyaltyView;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.profile.ConsentView;
import dev.liaison.web.profile.PeopleView;
import dev.liaison.web.profile.ProfileResource;
import dev.liaison.web.profile.ProfileView;
import dev.liaison.web.profile.TimelineView;
import dev.liaison.web.routing.RoutingResource;
import dev.liaison.web.scenario.PersonScenariosResource;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finding a person and understanding every decision about them: identities, attributes with source and time,
 * consent per purpose and channel with the ledger and its receipts, loyalty, deals and tickets with the routing
 * decision behind each ticket, scenario runs with their traces, merges with undo. Each part is read through the
 * API's own resource and shown only to the roles that resource allows.
 */
@Path("/console/people")
@RequestScoped
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.CRM_ADMIN, Roles.COMPLIANCE_OFFICER})
@Produces(MediaType.TEXT_HTML)
public class PeoplePages {

    private static final int PAGE = 25;

    private final ConsolePages pages;
    private final ProfileResource profiles;
    private final LoyaltyResource loyalty;
    private final RoutingResource routing;
    private final PersonScenariosResource scenarios;

    @Context
    HttpServletRequest request;

    @Inject
    public PeoplePages(ConsolePages pages, ProfileResource profiles, LoyaltyResource loyalty,
                       RoutingResource routing, PersonScenariosResource scenarios) {
        this.pages = pages;
        this.profiles = profiles;
        this.loyalty = loyalty;
        this.routing = routing;
        this.scenarios = scenarios;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public PeoplePages() {
        this(null, null, null, null, null);
    }

    /** The people list, newest first, searched by what was typed: an e-mail, a phone, a name or a CRM id. */
    @GET
    public Response search(@QueryParam("q") String query, @QueryParam("cursor") String cursor) {
        Screen screen = Screen.of(request, "people/search").titled("people_title", "people");
        String q = query == null ? "" : query.strip();
        screen.with("q", q);
        try {
            PeopleView page = (PeopleView) profiles.search(null, null, null, q.isEmpty() ? null : q,
                    Integer.toString(PAGE), cursor == null || cursor.isEmpty() ? null : cursor).getEntity();
            screen.with("searched", !q.isEmpty()).with("none", page.items().isEmpty())
                    .with("people", page.items().stream().map(PeoplePages::summary).toList());
            if (page.nextCursor() != null) {
                screen.with("nextPage", "/console/people?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                        + "&cursor=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8));
            }
            return Response.ok(pages.render(screen)).build();
        } catch (ProblemException refused) {
            Map<String, String> errors = FormErrors.of(refused);
            return Response.status(refused.status()).entity(pages.render(screen.with("none", true).with("qError",
                    String.join("; ", errors.values())))).build();
        }
    }

    @GET
    @Path("{id}")
    public String person(@PathParam("id") String id) {
        ProfileView person = profiles.get(id);
        Screen screen = Screen.of(request, "people/person").titled("person_title", "people");
        screen.with("person", summary(person));
        screen.with("identities", person.identities());
        screen.with("attributes", person.attributes().entrySet().stream().map(attribute -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", attribute.getKey());
            row.put("value", attribute.getValue().value());
            row.put("source", attribute.getValue().source() == null ? "" : attribute.getValue().source().system());
            row.put("time", attribute.getValue().sourceTime());
            return row;
        }).toList());
        screen.with("consents", consents(person.consents()));
        screen.with("ledger", consents(profiles.consents(id)));
        screen.with("receipts", request.isUserInRole(Roles.COMPLIANCE_OFFICER));
        screen.with("merges", person.merges().stream().map(merge -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", merge.id());
            row.put("absorbedId", merge.absorbedId());
            row.put("reason", merge.reason());
            row.put("mergedAt", merge.mergedAt());
            row.put("undoneAt", merge.undoneAt());
            row.put("undoable", merge.undoneAt() == null && (request.isUserInRole(Roles.CRM_ADMIN)
                    || request.isUserInRole(Roles.COMPLIANCE_OFFICER)));
            return row;
        }).toList());
        screen.with("deals", person.deals() == null ? List.of() : person.deals().items());
        boolean seesRouting = request.isUserInRole(Roles.SUPPORT_AGENT) || request.isUserInRole(Roles.CRM_ADMIN);
        screen.with("tickets", tickets(person.tickets(), seesRouting));
        if (seesRouting) {
            LoyaltyView points = loyalty.get(id);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("balance", points.balance());
            shown.put("tier", points.tier());
            shown.put("nextTier", points.nextTier());
            shown.put("pointsToNextTier", points.pointsToNextTier());
            shown.put("recent", points.recent());
            screen.with("loyalty", shown);
        }
        screen.with("messages", profiles.messages(id, "20", null).items());
        PersonScenariosResource.PersonScenarios runs = scenarios.get(id);
        screen.with("runs", runs.runs());
        screen.with("trace", runs.trace());
        return pages.render(screen);
    }

    @GET
    @Path("{id}/consents/{consentId}/receipt")
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receipt(@PathParam("id") String id, @PathParam("consentId") String consentId) {
        long consent;
        try {
            consent = Long.parseLong(consentId);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("consentId", "must be a number");
        }
        JsonObject receipt = profiles.receipt(id, consent);
        return Response.ok(ConsolePages.pretty(receipt), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consent-receipt-" + consent
                        + ".json\"")
                .build();
    }

    @POST
    @Path("{id}/merges/{mergeId}/undo")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.COMPLIANCE_OFFICER})
    public Response undoMerge(@PathParam("id") String id, @PathParam("mergeId") String mergeId) {
        profiles.undoMerge(id, mergeId);
        return Response.seeOther(URI.create("/console/people/" + id)).build();
    }

    private List<Map<String, Object>> tickets(TimelineView<TimelineView.TicketView> tickets, boolean seesRouting) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (tickets == null) {
            return rows;
        }
        for (TimelineView.TicketView ticket : tickets.items()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ticket", ticket);
            if (seesRouting) {
                row.put("decisions", routing.decisions(ticket.ticketId()).stream()
                        .filter(decision -> decision.connectionId().equals(ticket.connectionId()))
                        .map(decision -> {
                            Map<String, Object> shown = new LinkedHashMap<>();
                            shown.put("rule", decision.rule());
                            shown.put("assignee", decision.assignee());
                            shown.put("decidedAt", decision.decidedAt());
                            shown.put("actionStatus", decision.actionStatus());
                            shown.put("actionError", decision.actionError());
                            shown.put("trace", decision.trace() == null ? "" : ConsolePages.pretty(decision.trace()));
                            return shown;
                        }).toList());
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> consents(List<ConsentView> consents) {
        return consents.stream().map(consent -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", consent.id());
            row.put("purpose", consent.purpose());
            row.put("channel", consent.channel());
            row.put("decision", consent.decision());
            row.put("decisionClass", "GRANTED".equals(consent.decision()) ? "ok" : "bad");
            row.put("source", consent.source() == null ? "" : consent.source().system());
            row.put("method", consent.evidence() == null ? "" : consent.evidence().collectionMethod());
            row.put("notice", consent.evidence() == null ? "" : consent.evidence().noticeVersion());
            row.put("occurredAt", consent.occurredAt());
            return row;
        }).toList();
    }

    private static Map<String, Object> summary(PeopleView.PersonView person) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", person.id());
        row.put("status", person.status());
        row.put("name", ((person.firstName() == null ? "" : person.firstName()) + " "
                + (person.lastName() == null ? "" : person.lastName())).strip());
        row.put("emails", person.identities().stream().filter(identity -> identity.kind().equals("EMAIL"))
                .map(PeopleView.IdentityView::value).toList());
        row.put("phones", person.identities().stream().filter(identity -> identity.kind().equals("PHONE"))
                .map(PeopleView.IdentityView::value).toList());
        row.put("updatedAt", person.updatedAt());
        return row;
    }

    private static Map<String, Object> summary(ProfileView person) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", person.id());
        row.put("status", person.status());
        row.put("name", attribute(person, "name", attribute(person, "firstName", "") + " "
                + attribute(person, "lastName", "")).strip());
        row.put("emails", person.identities().stream().filter(identity -> identity.kind().equals("EMAIL"))
                .map(ProfileView.IdentityView::value).toList());
        row.put("phones", person.identities().stream().filter(identity -> identity.kind().equals("PHONE"))
                .map(ProfileView.IdentityView::value).toList());
        row.put("updatedAt", person.updatedAt());
        return row;
    }

    private static String attribute(ProfileView person, String name, String fallback) {
        ProfileView.AttributeView value = person.attributes() == null ? null : person.attributes().get(name);
        return value == null || value.value() == null ? fallback : value.value();
    }

}
