package dev.liaison.web.security;

import dev.liaison.platform.account.ApiKeyStore;
import dev.liaison.platform.account.ApiKeyStore.ApiKey;
import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
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
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * API keys for machine clients of the embedded sign-in: HTTP Basic with the key's id and secret, verified by the
 * server's Elytron realm with one SHA-256 digest instead of a bcrypt hash. The secret is in the creation's answer
 * only; Liaison keeps its salted digest. A key carries only roles its creator holds, so no admin can make a key
 * more powerful than themselves, and a key made by a key never outlives it: it expires no later than its creator
 * (at the same time when the request names none) and is revoked with it.
 */
@Path("/api/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
public class ApiKeyResource {

    private static final int NAME_LIMIT = 200;

    private final ApiKeyStore keys;
    private final Clock clock;

    @Inject
    public ApiKeyResource(ApiKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public ApiKeyResource() {
        this(null, null);
    }

    /** The answer to a creation, the one place the secret ever appears. */
    @JsonbPropertyOrder({"id", "name", "roles", "createdAt", "expiresAt", "secret"})
    public record CreatedKey(String id, String name, Set<String> roles, Instant createdAt, Instant expiresAt,
                             String secret) {

        /** Without the secret, should the answer ever reach a log line. */
        @Override
        public String toString() {
            return "CreatedKey[id=" + id + ", name=" + name + ", roles=" + roles + "]";
        }
    }

    @POST
    @Audited("api-key.create")
    @APIResponse(responseCode = "201", description = "Created; the answer is the only time the secret is shown",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreatedKey.class)))
    public Response create(ApiKeyRequest request, @Context SecurityContext security) {
        CreatedKey created = issue(request, security);
        return Response.created(UriBuilder.fromPath("/api/admin/api-keys/{id}").build(created.id())).entity(created)
                .build();
    }

    /** Checks the request, stores the key with its secret's digest, and answers with the secret itself. */
    CreatedKey issue(ApiKeyRequest request, SecurityContext security) {
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        // The databases keep microseconds: the answer shows the creation time the list will show.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new Problem.FieldError("name", "is required"));
        } else if (request.name().trim().length() > NAME_LIMIT) {
            errors.add(new Problem.FieldError("name", "must be at most " + NAME_LIMIT + " characters"));
        }
        Set<String> roles = request.roles() == null ? Set.of() : new LinkedHashSet<>(request.roles());
        roleError(roles, security).ifPresent(message -> errors.add(new Problem.FieldError("roles", message)));
        Optional<Instant> creatorExpiry = keys.find(security.getUserPrincipal().getName()).map(ApiKey::expiresAt);
        Instant expiresAt = creatorExpiry.orElse(null);
        if (request.expiresAt() != null) {
            try {
                expiresAt = Instant.parse(request.expiresAt());
                if (!expiresAt.isAfter(now)) {
                    errors.add(new Problem.FieldError("expiresAt", "must be in the future"));
                } else if (creatorExpiry.isPresent() && expiresAt.isAfter(creatorExpiry.get())) {
                    errors.add(new Problem.FieldError("expiresAt", "must not be later than the expiry of the key "
                            + "creating it, " + creatorExpiry.get()));
                }
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("expiresAt",
                        "must be an ISO-8601 instant such as 2027-01-01T00:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ApiKey key = new ApiKey(ApiKeySecrets.newKeyId(), request.name().trim(), roles,
                security.getUserPrincipal().getName(), now, expiresAt, null);
        char[] secret = ApiKeySecrets.newSecret();
        ApiKeySecrets.Digest digest = ApiKeySecrets.digest(secret);
        keys.create(key, digest.hash(), digest.salt());
        return new CreatedKey(key.id(), key.name(), key.roles(), key.createdAt(), key.expiresAt(), new String(secret));
    }

    /** Every key of the workspace, revoked ones with their {@code revokedAt}; never a secret or its digest. */
    @GET
    public List<ApiKey> list() {
        return keys.list();
    }

    /**
     * The key's next request is refused, and so is that of every key it created; they stay listed, with the time
     * they were revoked.
     */
    @DELETE
    @Path("{id}")
    @Audited("api-key.revoke")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") String id) {
        if (!keys.revoke(id, clock.instant())) {
            throw ProblemException.notFound("API key", id);
        }
        return Response.noContent().build();
    }

    private static Optional<String> roleError(Set<String> roles, SecurityContext security) {
        if (roles.isEmpty()) {
            return Optional.of("must name at least one of " + Roles.ALL);
        }
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                return Optional.of("names something that is not a role; the roles are " + Roles.ALL);
            }
            if (!security.isUserInRole(role)) {
                return Optional.of("'" + role + "' is not a role of the caller, and a key can carry only "
                        + "those");
            }
        }
        return Optional.empty();
    }
}
