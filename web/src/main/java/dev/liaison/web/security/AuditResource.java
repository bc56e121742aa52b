package dev.liaison.web.security;

import dev.liaison.profile.audit.AuditEvent;
import dev.liaison.profile.audit.AuditTrail;
import dev.liaison.profile.workspace.WorkspaceContext;
import dev.liaison.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit trail of the caller's workspace, for compliance officers. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
public class AuditResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditTrail trail;

    @Inject
    public AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public AuditResource() {
        this(null);
    }

    @GET
    public List<AuditEvent> recent(@QueryParam("since") String since, @QueryParam("limit") Integer limit) {
        int rows = limit == null ? DEFAULT_LIMIT : limit;
        if (rows < 1 || rows > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return trail.recent(WorkspaceContext.current(), parse(since), rows);
    }

    private static Instant parse(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("since", "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
