package dev.liaison.web.security;

import dev.liaison.platform.audit.AuditEvent;
import dev.liaison.platform.audit.AuditStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.web.problem.ProblemException;
import dev.liaison.web.problem.QueryParameters;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The audit trail of the caller's workspace, for compliance officers. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
public class AuditResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditStore trail;

    @Inject
    public AuditResource(AuditStore trail) {
        this.trail = trail;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public AuditResource() {
        this(null);
    }

    @GET
    public List<AuditEvent> recent(@QueryParam("since") String since, @QueryParam("limit") @Parameter(schema =
            @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) String limit) {
        int rows = QueryParameters.intBetween(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
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
