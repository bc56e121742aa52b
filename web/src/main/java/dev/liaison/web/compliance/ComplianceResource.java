package dev.liaison.web.compliance;

import dev.liaison.connector.api.ExternalRef;
import dev.liaison.profile.compliance.ComplianceService;
import dev.liaison.profile.compliance.ComplianceViolation;
import dev.liaison.profile.compliance.DataSubjectRequest;
import dev.liaison.profile.compliance.Regime;
import dev.liaison.profile.compliance.RequestStateException;
import dev.liaison.profile.compliance.RequestType;
import dev.liaison.profile.compliance.TombstoneStore;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentitySettings;
import dev.liaison.profile.identity.InvalidIdentifierException;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Data-subject requests for compliance officers: file one (201 with its legal deadline), record the identity
 * verification (execution then runs in the background), follow each system's result, retry failed systems,
 * extend the deadline once, reject with a reason, and download the access/export bundle.
 */
@Path("/api/compliance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
public class ComplianceResource {

    private static final String SYSTEM_ACTOR = "system";

    private final ComplianceService service;
    private final TombstoneStore tombstones;
    private final IdentitySettings identitySettings;

    @Inject
    public ComplianceResource(ComplianceService service, TombstoneStore tombstones, IdentitySettings identitySettings) {
        this.service = service;
        this.tombstones = tombstones;
        this.identitySettings = identitySettings;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ComplianceResource() {
        this(null, null, null);
    }

    @POST
    @Audited("dsr.create")
    @Path("requests")
    @APIResponse(responseCode = "201", description = "Received; Location names the new request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RequestView.class)))
    public Response create(ComplianceRequestBody body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<RequestType> type = parse(RequestType.class, body.type(), "type", errors);
        Optional<Regime> regime = Regime.of(body.regime() == null ? "" : body.regime().trim());
        if (regime.isEmpty()) {
            errors.add(new Problem.FieldError("regime", "must be GDPR or 152FZ"));
        }
        List<Identity> subject = subject(body.subject(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        try {
            DataSubjectRequest created = service.create(new ComplianceService.NewRequest(type.get(), regime.get(),
                    subject,
                    body.note(), body.corrections() == null ? Map.of() : body.corrections()));
            return Response.created(UriBuilder.fromPath("/api/compliance/requests/{id}").build(created.id()))
                    .entity(RequestView.of(created)).build();
        } catch (ComplianceViolation e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
    }

    @GET
    @Path("requests")
    public List<RequestView> list() {
        return service.list().stream().map(RequestView::of).toList();
    }

    @GET
    @Path("requests/{id}")
    public RequestView get(@PathParam("id") String id) {
        return RequestView.of(existing(id));
    }

    /** Records that the officer verified the person's identity; execution starts in the background. */
    @POST
    @Audited("dsr.verify")
    @Path("requests/{id}/verify")
    @APIResponse(responseCode = "202", description = "Verified; execution runs in the background",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "409", description = "`request-state`: the request is not in a state that allows this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response verify(@PathParam("id") String id, @Context SecurityContext security) {
        existing(id);
        Principal caller = security == null ? null : security.getUserPrincipal();
        String verifiedBy = caller == null ? SYSTEM_ACTOR : caller.getName();
        DataSubjectRequest verified = step(() -> service.verify(id, verifiedBy));
        return Response.accepted(RequestView.of(verified)).build();
    }

    @POST
    @Audited("dsr.reject")
    @Path("requests/{id}/reject")
    @APIResponse(responseCode = "200", description = "Rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "409", description = "`request-state`: the request is not in a state that allows this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RequestView reject(@PathParam("id") String id, ReasonBody body) {
        existing(id);
        return RequestView.of(step(() -> service.reject(id, body == null ? null : body.reason())));
    }

    @POST
    @Audited("dsr.extend")
    @Path("requests/{id}/extend")
    @APIResponse(responseCode = "200", description = "Deadline extended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "409", description = "`request-state`: the request is not in a state that allows this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RequestView extend(@PathParam("id") String id, ReasonBody body) {
        existing(id);
        return RequestView.of(step(() -> service.extend(id, body == null ? null : body.reason())));
    }

    /** Queues every FAILED system of a PARTIALLY_COMPLETED request again. */
    @POST
    @Audited("dsr.retry")
    @Path("requests/{id}/retry")
    @APIResponse(responseCode = "202", description = "Failed systems queued again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "409", description = "`request-state`: the request is not in a state that allows this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response retry(@PathParam("id") String id) {
        existing(id);
        return Response.accepted(RequestView.of(step(() -> service.retry(id)))).build();
    }

    @POST
    @Audited("dsr.lift-restriction")
    @Path("requests/{id}/lift-restriction")
    @APIResponse(responseCode = "200", description = "Restriction lifted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "409", description = "`request-state`: the request is not in a state that allows this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RequestView liftRestriction(@PathParam("id") String id) {
        existing(id);
        return RequestView.of(step(() -> service.liftRestriction(id)));
    }

    @GET
    @Audited("dsr.export")
    @Path("requests/{id}/export")
    @APIResponse(responseCode = "200", description = "The subject's data as a JSON bundle, an attachment")
    @APIResponse(responseCode = "409", description = "`request-state`: the request is not in a state that allows this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@PathParam("id") String id) {
        existing(id);
        JsonObject bundle = step(() -> service.export(id));
        return Response.ok(bundle).header("Content-Disposition", "attachment; filename=\"subject-export-" + id
                + ".json\"").build();
    }

    /** How many records from connected systems were dropped because they described an erased person. */
    @GET
    @Path("erasures/dropped")
    public Map<String, Long> dropped() {
        return Map.of("dropped", tombstones.dropped());
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws RequestStateException, ComplianceViolation;
    }

    private static <T> T step(Step<T> step) {
        try {
            return step.run();
        } catch (ComplianceViolation e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        } catch (RequestStateException e) {
            throw new ProblemException(Response.Status.CONFLICT, "request-state", "Not allowed in this state",
                    e.getMessage(), List.of());
        }
    }

    private DataSubjectRequest existing(String id) {
        return service.find(id).orElseThrow(() -> ProblemException.notFound("Data-subject request", id));
    }

    /** The subject's identities; what is wrong with them goes to {@code errors}, with the request's other fields. */
    private List<Identity> subject(ComplianceRequestBody.Subject subject, List<Problem.FieldError> errors) {
        List<Identity> identities = new ArrayList<>();
        if (subject == null || (blank(subject.email()) && blank(subject.phone()) && blank(subject.externalRef()))) {
            errors.add(new Problem.FieldError("subject", "must name the person by email, phone or externalRef"));
            return identities;
        }
        if (!blank(subject.email())) {
            try {
                identities.add(identitySettings.normalizer().email(subject.email()));
            } catch (InvalidIdentifierException e) {
                errors.add(new Problem.FieldError("subject.email", e.getMessage()));
            }
        }
        if (!blank(subject.phone())) {
            try {
                identities.add(identitySettings.normalizer().phone(subject.phone()));
            } catch (InvalidIdentifierException e) {
                errors.add(new Problem.FieldError("subject.phone", e.getMessage()));
            }
        }
        if (!blank(subject.externalRef())) {
            String[] parts = subject.externalRef().split("\\|", -1);
            if (parts.length != 3 || blank(parts[0]) || blank(parts[1]) || blank(parts[2])) {
                errors.add(new Problem.FieldError("subject.externalRef", "must be system|connectionId|id"));
            } else {
                identities.add(Identity.of(new ExternalRef(parts[0], parts[1], parts[2])));
            }
        }
        return identities;
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value, String field,
                                                         List<Problem.FieldError> errors) {
        try {
            return Optional.of(Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return Optional.empty();
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
