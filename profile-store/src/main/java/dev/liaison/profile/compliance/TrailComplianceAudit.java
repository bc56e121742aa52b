package dev.liaison.profile.compliance;

import dev.liaison.platform.audit.AuditEvent;
import dev.liaison.platform.audit.AuditStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Locale;

/**
 * Writes the workflow's own steps into the audit trail as the {@code system} actor. The officer's calls are recorded
 * separately, with the officer's subject id, by the REST layer; these entries add what happened behind them (each
 * system's erasure, the status the request reached).
 */
@ApplicationScoped
public class TrailComplianceAudit implements ComplianceAudit {

    private final AuditStore trail;
    private final Clock clock;

    @Inject
    public TrailComplianceAudit(AuditStore trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected TrailComplianceAudit() {
        this(null, null);
    }

    @Override
    public void record(String action, String requestId, String outcome) {
        trail.record(new AuditEvent(WorkspaceContext.current(), clock.instant(), AuditEvent.SYSTEM, action, requestId,
                failed(outcome) ? AuditEvent.Outcome.FAILED : AuditEvent.Outcome.SUCCEEDED, null, outcome));
    }

    /** A system that failed ("failed, retry at …", "FAILED") or a request left partly done counts as a failure. */
    private static boolean failed(String outcome) {
        String upper = outcome.toUpperCase(Locale.ROOT);
        return upper.contains("FAILED") || upper.contains(RequestStatus.PARTIALLY_COMPLETED.name());
    }
}
