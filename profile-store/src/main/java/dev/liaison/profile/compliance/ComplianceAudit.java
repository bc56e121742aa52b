package dev.liaison.profile.compliance;

/**
 * The one place the data-subject request workflow reports what it did, for the append-only audit trail. Callers
 * pass ids and outcomes only, never personal data: {@code action} is a stable name such as {@code dsr.verify},
 * {@code outcome} a short status text such as {@code COMPLETED} or {@code FAILED connection 3f2...}.
 */
public interface ComplianceAudit {

    void record(String action, String requestId, String outcome);
}
