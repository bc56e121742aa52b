package dev.liaison.web.loyalty;

import dev.liaison.profile.person.ProfileService;
import dev.liaison.scenario.loyalty.LoyaltyRefusal;
import dev.liaison.scenario.loyalty.LoyaltyService;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.RequestFields;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
    private static final long POINTS_LIMIT = LoyaltyService.POINTS_LIMIT;

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
            description = "The idempotency key replayed an earlier, identical redemption; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "201", description = "Redeemed; the points that expire first are spent first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "409",
            description = "`insufficient-points`: the balance is too low; `idempotency-key-reused`: the key was "
                    + "used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeem(@PathParam("id") String id,
                           @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(implementation = PointsRequest.class))) String body) {
        return write(id, body, true, loyalty::redeem);
    }

    @POST
    @Path("adjustments")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Audited("loyalty.adjust")
    @APIResponse(responseCode = "200",
            description = "The idempotency key replayed an earlier, identical adjustment; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "201", description = "The adjustment is on the ledger and in the balance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeView.class)))
    @APIResponse(responseCode = "409",
            description = "`insufficient-points`: a negative adjustment exceeds the balance; "
                    + "`idempotency-key-reused`: the key was used for a different adjustment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response adjust(@PathParam("id") String id,
                           @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(implementation = PointsRequest.class))) String body) {
        return write(id, body, false, loyalty::adjust);
    }

    /** {@link LoyaltyService#redeem} or {@link LoyaltyService#adjust}. */
    @FunctionalInterface
    private interface PointsWrite {
        LoyaltyService.Change apply(String profileId, long points, String reason, String idempotencyKey)
                throws LoyaltyRefusal;
    }

    /** What a redemption and an adjustment share: the profile must exist, the body is read, and a refusal is a 409. */
    private Response write(String id, String body, boolean redemption, PointsWrite write) {
        existing(id);
        PointsRequest request = read(body, redemption);
        try {
            return answer(write.apply(id, request.points(), request.reason().trim(), request.idempotencyKey()));
        } catch (LoyaltyRefusal refusal) {
            throw refused(refusal);
        }
    }

    private void existing(String id) {
        if (profiles.find(id).isEmpty()) {
            throw ProblemException.notFound("profile", id);
        }
    }

    /**
     * Read by hand rather than by JSON-B, whose {@code Long} takes {@code 1.5} as 1, {@code "10"} as 10 and
     * 18446744073709551611 as -5; every wrong field is named at once.
     */
    private static PointsRequest read(String body, boolean redemption) {
        RequestFields fields = RequestFields.read(body);
        Long points = fields.integer("points", redemption ? 1 : -POINTS_LIMIT, POINTS_LIMIT);
        if (!redemption && points != null && points == 0) {
            fields.add("points", "must not be 0");
        }
        String reason = fields.text("reason", REASON_LIMIT);
        String idempotencyKey = fields.text("idempotencyKey", KEY_LIMIT);
        fields.requireValid();
        return new PointsRequest(points, reason, idempotencyKey);
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
