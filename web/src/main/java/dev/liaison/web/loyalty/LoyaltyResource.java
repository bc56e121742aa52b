package dev.liaison.web.loyalty;

import dev.liaison.profile.profile.ProfileService;
import dev.liaison.scenario.loyalty.LoyaltyRefusal;
import dev.liaison.scenario.loyalty.LoyaltyService;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.security.Audited;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A profile's points: support agents and CRM admins read them; CRM admins redeem and adjust. Both writes are
 * idempotent by key, and a write the balance does not cover is refused with 409 and changes nothing.
 */
@Path("/api/loyalty/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
public class LoyaltyResource {

    private static final int REASON_LIMIT = 500;
    private static final int KEY_LIMIT = 200;
    private static final long POINTS_LIMIT = 1_000_000_000L;

    private final LoyaltyService loyalty;
    private final ProfileService profiles;

    @Inject
    public LoyaltyResource(LoyaltyService loyalty, ProfileService profiles) {
        this.loyalty = loyalty;
        this.profiles = profiles;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public LoyaltyResource() {
        this(null, null);
    }

    @GET
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.CRM_ADMIN})
    public LoyaltyView get(@PathParam("id") String id) {
        existing(id);
        return LoyaltyView.of(loyalty.summary(id));
    }

    @POST
    @Path("redemptions")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Audited("loyalty.redeem")
    @APIResponse(responseCode = "200",
            description = "The idempotency key replayed an earlier, identical request; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "409",
            description = "`insufficient-points`: the balance is too low; `idempotency-key-reused`: the key was "
                    + "used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeem(@PathParam("id") String id, PointsRequest request) {
        existing(id);
        validate(request, true);
        try {
            return answer(loyalty.redeem(id, request.points(), request.reason().trim(), request.idempotencyKey()));
        } catch (LoyaltyRefusal refusal) {
            throw refused(refusal);
        }
    }

    @POST
    @Path("adjustments")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Audited("loyalty.adjust")
    @APIResponse(responseCode = "200",
            description = "The idempotency key replayed an earlier, identical request; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "409",
            description = "`insufficient-points`: the balance is too low; `idempotency-key-reused`: the key was "
                    + "used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response adjust(@PathParam("id") String id, PointsRequest request) {
        existing(id);
        validate(request, false);
        try {
            return answer(loyalty.adjust(id, request.points(), request.reason().trim(), request.idempotencyKey()));
        } catch (LoyaltyRefusal refusal) {
            throw refused(refusal);
        }
    }

    private void existing(String id) {
        if (profiles.find(id).isEmpty()) {
            throw ProblemException.notFound("profile " + id);
        }
    }

    private static void validate(PointsRequest request, boolean redemption) {
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Long points = request.points();
        if (points == null) {
            errors.add(new Problem.FieldError("points", "is required"));
        } else if (redemption && points <= 0) {
            errors.add(new Problem.FieldError("points", "must be greater than 0"));
        } else if (points == 0) {
            errors.add(new Problem.FieldError("points", "must not be 0"));
        } else if (Math.abs(points) > POINTS_LIMIT) {
            errors.add(new Problem.FieldError("points", "must not exceed " + POINTS_LIMIT + " in size"));
        }
        if (request.reason() == null || request.reason().isBlank()) {
            errors.add(new Problem.FieldError("reason", "is required"));
        } else if (request.reason().length() > REASON_LIMIT) {
            errors.add(new Problem.FieldError("reason", "must be at most " + REASON_LIMIT + " characters"));
        }
        if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
            errors.add(new Problem.FieldError("idempotencyKey", "is required"));
        } else if (request.idempotencyKey().length() > KEY_LIMIT) {
            errors.add(new Problem.FieldError("idempotencyKey", "must be at most " + KEY_LIMIT + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** 201 for a new entry, 200 when the key replayed an earlier one; the body is the entry and the new balance. */
    private static Response answer(LoyaltyService.Change change) {
        return Response.status(change.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(new ChangeView(LoyaltyView.Entry.of(change.entry()), change.balance())).build();
    }

    private static ProblemException refused(LoyaltyRefusal refusal) {
        return switch (refusal.reason()) {
            case INSUFFICIENT_POINTS -> new ProblemException(Response.Status.CONFLICT, "insufficient-points",
                    "Not enough points", refusal.getMessage(), List.of(new Problem.FieldError("points",
                    "exceeds the balance of " + refusal.balance())));
            case KEY_REUSED -> new ProblemException(Response.Status.CONFLICT, "idempotency-key-reused",
                    "Idempotency key reused", refusal.getMessage(), List.of(new Problem.FieldError("idempotencyKey",
                    "was used for a different request")));
        };
    }

    /** What a redemption or adjustment answers. */
    public record ChangeView(LoyaltyView.Entry entry, long balance) {
    }
}
