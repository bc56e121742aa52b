package dev.liaison.web.profile;

import dev.liaison.connector.api.ExternalRef;
import dev.liaison.profile.consent.ConsentEntry;
import dev.liaison.profile.consent.ConsentLedger;
import dev.liaison.profile.consent.ConsentReceipts;
import dev.liaison.profile.consent.ConsentRecord;
import dev.liaison.profile.consent.ConsentSettings;
import dev.liaison.profile.consent.ConsentViolation;
import dev.liaison.profile.consent.Decision;
import dev.liaison.profile.consent.Evidence;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentitySettings;
import dev.liaison.profile.identity.InvalidIdentifierException;
import dev.liaison.profile.messaging.MessageLogStore;
import dev.liaison.profile.person.AttributeEntity;
import dev.liaison.profile.person.AttributeValue;
import dev.liaison.profile.person.IdentityEntity;
import dev.liaison.profile.person.MergeEntity;
import dev.liaison.profile.person.MergeUndoException;
import dev.liaison.profile.person.PeopleDirectory;
import dev.liaison.profile.person.PersonCursor;
import dev.liaison.profile.person.ProfileEntity;
import dev.liaison.profile.person.ProfileService;
import dev.liaison.profile.person.Source;
import dev.liaison.profile.timeline.TimelineCursor;
import dev.liaison.profile.timeline.TimelineStore;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Profiles for support agents and compliance officers: look a person up, see identities and attributes with their
 * sources, read and append to the consent ledger (never change or delete it), undo a wrong merge, page through the
 * person's deals and tickets.
 */
@Path("/api/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.CRM_ADMIN, Roles.COMPLIANCE_OFFICER})
public class ProfileResource {

    // The two reads run in one transaction each: a profile view is half a dozen queries, and sharing one
    // persistence context and pooled connection saves a transaction and a connection checkout per query.

    /** How many deals and tickets the profile view carries, and a page holds when {@code limit} is not given. */
    static final int FIRST_PAGE = 20;
    static final int PAGE_LIMIT = 100;
    private static final String DEALS = "deals";
    private static final String TICKETS = "tickets";
    private static final String MESSAGES = "messages";

    private final ProfileService profiles;
    private final ConsentLedger ledger;
    private final ConsentSettings consentSettings;
    private final IdentitySettings identitySettings;
    private final TimelineStore timeline;
    private final PeopleDirectory people;
    private final MessageLogStore messageLog;
    private final Clock clock;

    @Inject
    public ProfileResource(ProfileService profiles, ConsentLedger ledger, ConsentSettings consentSettings,
                           IdentitySettings identitySettings, TimelineStore timeline, PeopleDirectory people,
                           MessageLogStore messageLog, Clock clock) {
        this.profiles = profiles;
        this.ledger = ledger;
        this.consentSettings = consentSettings;
        this.identitySettings = identitySettings;
        this.timeline = timeline;
        this.people = people;
        this.messageLog = messageLog;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ProfileResource() {
        this(null, null, null, null, null, null, null, null);
    }

    /**
     * Finds the person by exactly one of e-mail, phone or external ref ({@code system|connectionId|id}): a list of at
     * most one profile. Without any of them, a page of the people list ({@link PeopleDirectory}), searched by
     * {@code q} when given.
     */
    @GET
    @Transactional
    @APIResponse(responseCode = "200", description = "With `email`, `phone` or `externalRef`: an array of at most one "
            + "profile. Otherwise a page of people, newest first: `items`, and `nextCursor` and `next` unless it is the "
            + "last page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {PeopleView.class, ProfileView[].class})))
    public Response search(@QueryParam("email") String email, @QueryParam("phone") String phone,
                           @QueryParam("externalRef") String externalRef, @QueryParam("q") String query,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (email == null && phone == null && externalRef == null) {
            return Response.ok(people(query, limit, cursor)).build();
        }
        if (query != null || limit != null || cursor != null) {
            throw ProblemException.invalid(query != null ? "q" : limit != null ? "limit" : "cursor",
                    "is for the people list; an email, phone or externalRef lookup takes no other parameter");
        }
        Identity identity = searchIdentity(email, phone, externalRef);
        return Response.ok(profiles.findWithIdentities(identity)
                .map(found -> view(found.profile(), found.identities(), false)).stream().toList()).build();
    }

    @GET
    @Transactional
    @Path("{id}")
    public ProfileView get(@PathParam("id") String id) {
        return view(existing(id));
    }

    /** The person's deals (those of profiles merged into it too), newest first by the source's time. */
    @GET
    @Transactional
    @Path("{id}/deals")
    public TimelineView<TimelineView.DealView> deals(@PathParam("id") String id,
                                                     @QueryParam("limit") @DefaultValue("20") String limit,
                                                     @QueryParam("cursor") String cursor) {
        int size = limit(limit);
        TimelineCursor after = cursor(cursor);
        existing(id);
        return TimelineView.of(timeline.deals(profiles.lineage(id), after, size), TimelineView.DealView::of, id,
                DEALS, size);
    }

    /** The person's tickets (those of profiles merged into it too), newest first by the source's time. */
    @GET
    @Transactional
    @Path("{id}/tickets")
    public TimelineView<TimelineView.TicketView> tickets(@PathParam("id") String id,
                                                         @QueryParam("limit") @DefaultValue("20") String limit,
                                                         @QueryParam("cursor") String cursor) {
        int size = limit(limit);
        TimelineCursor after = cursor(cursor);
        existing(id);
        return TimelineView.of(timeline.tickets(profiles.lineage(id), after, size), TimelineView.TicketView::of, id,
                TICKETS, size);
    }

    /**
     * The person's messages (those of profiles merged into it too), newest first by the time they were asked for, each
     * with its status and the reason for a refusal, a deferral or a failure.
     */
    @GET
    @Transactional
    @Path("{id}/messages")
    public TimelineView<MessageView> messages(@PathParam("id") String id,
                                              @QueryParam("limit") @DefaultValue("20") String limit,
                                              @QueryParam("cursor") String cursor) {
        int size = limit(limit);
        TimelineCursor after = cursor(cursor);
        existing(id);
        return TimelineView.of(messageLog.ofPeople(profiles.lineage(id), after, size), MessageView::of, id, MESSAGES,
                size);
    }

    @GET
    @Path("{id}/consents")
    public List<ConsentView> consents(@PathParam("id") String id) {
        existing(id);
        return ledger.history(id).stream().map(ConsentView::of).toList();
    }

    @POST
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.CRM_ADMIN})
    @Audited("consent.record")
    @Path("{id}/consents")
    @APIResponse(responseCode = "201", description = "Recorded; Location names the ledger entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentView.class)))
    public Response recordConsent(@PathParam("id") String id, ConsentRequest request,
                                  @Context HttpServletRequest http) {
        existing(id);
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        ConsentEntry entry = entry(request, http, errors);
        // The ledger checks again when it records; asking first lets one answer name every wrong field.
        ledger.problems(entry).stream()
                .filter(problem -> errors.stream().noneMatch(error -> error.field().equals(problem.field())))
                .forEach(problem -> errors.add(new Problem.FieldError(problem.field(), problem.message())));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        try {
            ConsentRecord recorded = ledger.record(id, entry);
            return Response.created(UriBuilder.fromPath("/api/profiles/{id}/consents/{consentId}")
                    .build(id, recorded.id())).entity(ConsentView.of(recorded)).build();
        } catch (ConsentViolation e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
    }

    @GET
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    @Path("{id}/consents/{consentId}/receipt")
    public JsonObject receipt(@PathParam("id") String id, @PathParam("consentId") long consentId) {
        existing(id);
        ConsentRecord entry = ledger.find(id, consentId)
                .orElseThrow(() -> ProblemException.notFound("Consent entry", Long.toString(consentId)));
        if (entry.decision() != Decision.GRANTED) {
            throw ProblemException.invalid("consentId", "receipts exist for grants only");
        }
        return ConsentReceipts.receipt(entry, consentSettings.receipts());
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.COMPLIANCE_OFFICER})
    @Audited("profile.merge.undo")
    @Path("{id}/merge-undo/{mergeId}")
    @APIResponse(responseCode = "200", description = "The profile as it is after the undo",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "409", description = "`merge-already-undone`: the merge was undone before",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProfileView undoMerge(@PathParam("id") String id, @PathParam("mergeId") String mergeId) {
        existing(id);
        try {
            profiles.undoMerge(id, mergeId);
        } catch (MergeUndoException e) {
            if (e.notFound()) {
                throw ProblemException.notFound("Merge of this profile", mergeId);
            }
            throw new ProblemException(Response.Status.CONFLICT, "merge-already-undone", "Merge already undone",
                    e.getMessage(), List.of());
        }
        return view(existing(id));
    }

    /** The entry the request asks for; what cannot be read is added to {@code errors} and left null. */
    private ConsentEntry entry(ConsentRequest request, HttpServletRequest http, List<Problem.FieldError> errors) {
        Decision decision = null;
        try {
            decision = request.decision() == null ? null : Decision.valueOf(request.decision().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("decision", "must be GRANTED or WITHDRAWN"));
        }
        Instant occurredAt = clock.instant();
        try {
            if (request.occurredAt() != null) {
                occurredAt = Instant.parse(request.occurredAt());
            }
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("occurredAt", "must be an ISO-8601 instant such as 2026-01-31T10:15:30Z"));
        }
        ConsentRequest.Evidence given = request.evidence() == null
                ? new ConsentRequest.Evidence(null, null, null, null, null, null, null) : request.evidence();
        String sha256 = given.noticeSha256();
        if (sha256 == null && given.noticeText() != null) {
            sha256 = ConsentLedger.sha256Hex(given.noticeText());
        }
        String userAgent = given.userAgent();
        if (userAgent == null) {
            userAgent = http.getHeader("User-Agent");
            if (userAgent != null && userAgent.length() > ConsentLedger.USER_AGENT_LIMIT) {
                // No browser sends one this long; rather than keep a cut-off one as evidence, the request is refused.
                errors.add(new Problem.FieldError("header.User-Agent",
                        "must be at most " + ConsentLedger.USER_AGENT_LIMIT + " characters, or give evidence.userAgent"));
                userAgent = null;
            }
        }
        Evidence evidence = new Evidence(given.noticeVersion(), sha256, given.collectionMethod(), given.text(),
                given.ipAddress() != null ? given.ipAddress() : http.getRemoteAddr(), userAgent);
        return new ConsentEntry(request.purpose(), request.channel(), decision, Source.api(), evidence, occurredAt);
    }

    private PeopleView people(String query, String limitText, String cursorText) {
        if (query != null && query.length() > PeopleDirectory.QUERY_LIMIT) {
            throw ProblemException.invalid("q", "must be at most " + PeopleDirectory.QUERY_LIMIT + " characters");
        }
        int size = limit(limitText == null ? Integer.toString(FIRST_PAGE) : limitText);
        PersonCursor after;
        try {
            after = cursorText == null ? null : PersonCursor.parse(cursorText);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", e.getMessage());
        }
        return PeopleView.of(people.page(query, after, size), query, size);
    }

    private Identity searchIdentity(String email, String phone, String externalRef) {
        int given = (email == null ? 0 : 1) + (phone == null ? 0 : 1) + (externalRef == null ? 0 : 1);
        if (given != 1) {
            throw ProblemException.invalid("email", "exactly one of email, phone or externalRef is required");
        }
        try {
            if (email != null) {
                return identitySettings.normalizer().email(email);
            }
            if (phone != null) {
                return identitySettings.normalizer().phone(phone);
            }
        } catch (InvalidIdentifierException e) {
            throw ProblemException.invalid(email != null ? "email" : "phone", e.getMessage());
        }
        String[] parts = externalRef.split("\\|", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw ProblemException.invalid("externalRef", "must be system|connectionId|id");
        }
        return Identity.of(new ExternalRef(parts[0], parts[1], parts[2]));
    }

    private static int limit(String text) {
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > PAGE_LIMIT) {
            throw ProblemException.invalid("limit", "must be a whole number from 1 to " + PAGE_LIMIT);
        }
        return Integer.parseInt(text);
    }

    private static TimelineCursor cursor(String text) {
        if (text == null) {
            return null;
        }
        try {
            return TimelineCursor.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", e.getMessage());
        }
    }

    private ProfileEntity existing(String id) {
        return profiles.find(id).orElseThrow(() -> ProblemException.notFound("Profile", id));
    }

    /** The profile with the first page of its deals and tickets. */
    private ProfileView view(ProfileEntity profile) {
        return view(profile, profiles.identities(profile.id()), true);
    }

    private ProfileView view(ProfileEntity profile, List<IdentityEntity> identityRows, boolean withTimeline) {
        Map<String, ProfileView.AttributeView> attributes = new LinkedHashMap<>();
        for (AttributeEntity attribute : profiles.attributes(profile.id())) {
            AttributeValue value = attribute.value();
            attributes.put(value.name(), new ProfileView.AttributeView(value.value(), new ProfileView.SourceView(
                    value.source().system(), value.source().connectionId(), value.source().ref()), value.sourceTime()));
        }
        List<ProfileView.IdentityView> identities = identityRows.stream()
                .map(identity -> new ProfileView.IdentityView(identity.identity().kind().name(),
                        identity.identity().value(), identity.sourceSystem(), identity.sourceConnection(),
                        identity.createdAt()))
                .toList();
        List<MergeEntity> merges = profiles.merges(profile.id());
        List<String> lineage = profiles.lineage(profile.id(), merges);
        List<ConsentView> consents = ledger.currentOf(lineage).decisions().stream()
                .map(ConsentView::of).toList();
        return new ProfileView(profile.id(), profile.status().name(), profile.mergedInto(), profile.createdAt(),
                profile.updatedAt(), identities, attributes, consents,
                merges.stream().map(ProfileResource::merge).toList(),
                withTimeline ? TimelineView.of(timeline.deals(lineage, null, FIRST_PAGE), TimelineView.DealView::of,
                        profile.id(), DEALS, FIRST_PAGE) : null,
                withTimeline ? TimelineView.of(timeline.tickets(lineage, null, FIRST_PAGE),
                        TimelineView.TicketView::of, profile.id(), TICKETS, FIRST_PAGE) : null);
    }

    private static ProfileView.MergeView merge(MergeEntity merge) {
        return new ProfileView.MergeView(merge.id(), merge.survivorId(), merge.absorbedId(), merge.reason(),
                merge.mergedAt(), merge.undoneAt());
    }
}
