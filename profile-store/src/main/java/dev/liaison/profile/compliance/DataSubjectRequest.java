package dev.liaison.profile.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A request as the officer sees it. The subject appears only as salted hashes ({@code KIND:hmac}); {@code note} is
 * the officer's own text. {@code overdue} and {@code dueSoon} concern requests that are not closed.
 */
public record DataSubjectRequest(String id, RequestType type, Regime regime, RequestStatus status,
                                 String statusReason, List<String> subjectHashes, String note, Instant receivedAt,
                                 LocalDate dueDate, Instant dueAt, boolean extended, String extensionReason,
                                 Instant verifiedAt, String verifiedBy, Instant completedAt,
                                 Instant restrictionLiftedAt, boolean overdue, boolean dueSoon,
                                 List<SystemResult> systems) {

    public DataSubjectRequest {
        subjectHashes = List.copyOf(subjectHashes);
        systems = List.copyOf(systems);
    }

    /** The outcome in one system; {@code target} is {@code liaison} for Liaison's own tables. */
    public record SystemResult(long id, String target, String connectionId, String system, RequestType action,
                               ResultStatus status, int attempts, Instant nextAttemptAt, Integer recordsAffected,
                               String evidence, String lastError, Instant completedAt) {
    }
}
