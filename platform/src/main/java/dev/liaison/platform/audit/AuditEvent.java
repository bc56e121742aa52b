package dev.liaison.platform.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One admin or compliance action. {@code actor} is the caller's subject id, or {@link #SYSTEM} for work Liaison does
 * in the background; {@code target} the id of what was acted on (a connection, a request, a profile id);
 * {@code status} the HTTP status the caller got, null for background work; {@code detail} what was done, no
 * personal data.
 */
public record AuditEvent(String workspaceId, Instant occurredAt, String actor, String action, String target,
                         Outcome outcome, Integer status, String detail) {

    public static final String SYSTEM = "system";

    public enum Outcome { SUCCEEDED, REFUSED, FAILED }

    public AuditEvent {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static Outcome outcomeOf(int status) {
        if (status < 400) {
            return Outcome.SUCCEEDED;
        }
        return status < 500 ? Outcome.REFUSED : Outcome.FAILED;
    }
}
