package dev.liaison.web.compliance;

import dev.liaison.profile.compliance.DataSubjectRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A data-subject request as the API shows it; the subject only as salted hashes. */
public record RequestView(String id, String type, String regime, String status, String statusReason,
                          List<String> subjectHashes, String note, Instant receivedAt, LocalDate dueDate,
                          Instant dueAt, boolean overdue, boolean dueSoon, boolean extended, String extensionReason,
                          Instant verifiedAt, String verifiedBy, Instant completedAt, Instant restrictionLiftedAt,
                          List<SystemView> systems) {

    /** The outcome in one system: {@code liaison} itself, or a connection. */
    public record SystemView(long id, String target, String connectionId, String system, String action,
                             String status, int attempts, Instant nextAttemptAt, Integer recordsAffected,
                             String evidence, String lastError, Instant completedAt) {
    }

    static RequestView of(DataSubjectRequest request) {
        return new RequestView(request.id(), request.type().name(), request.regime().code(), request.status().name(),
                request.statusReason(), request.subjectHashes(), request.note(), request.receivedAt(),
                request.dueDate(), request.dueAt(), request.overdue(), request.dueSoon(), request.extended(),
                request.extensionReason(), request.verifiedAt(), request.verifiedBy(), request.completedAt(),
                request.restrictionLiftedAt(), request.systems().stream().map(result -> new SystemView(result.id(),
                        result.target(), result.connectionId(), result.system(), result.action().name(),
                        result.status().name(), result.attempts(), result.nextAttemptAt(), result.recordsAffected(),
                        result.evidence(), result.lastError(), result.completedAt())).toList());
    }
}
