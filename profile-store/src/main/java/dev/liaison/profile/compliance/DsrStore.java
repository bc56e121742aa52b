package dev.liaison.profile.compliance;

import dev.liaison.platform.queue.DueRows;
import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Requests and their per-system results, in plain JDBC: the results table is also a work queue claimed with
 * {@code FOR UPDATE SKIP LOCKED}. Every read and write is bound to the current workspace by {@link WorkspaceJdbc};
 * only claiming looks at every workspace, and the caller then works in the claimed row's.
 */
@ApplicationScoped
public class DsrStore {

    static final String LIAISON = "liaison";
    private static final int TEXT_LIMIT = 2000;

    /** A stored request; sealed columns stay sealed here. */
    public record RequestRow(String id, String workspaceId, RequestType type, Regime regime, RequestStatus status,
                             String statusReason, String subjectHashes, String subjectSealed, String noteSealed,
                             String profileIds, Instant receivedAt, Instant dueAt, boolean extended,
                             String extensionReason, Instant verifiedAt, String verifiedBy, Instant completedAt,
                             Instant restrictionLiftedAt, Instant updatedAt) {

        public List<String> profiles() {
            return profileIds == null || profileIds.isEmpty() ? List.of() : List.of(profileIds.split(","));
        }
    }

    /** A stored per-system result. {@code target} is {@code liaison} or a connection id. */
    public record ResultRow(long id, String workspaceId, String requestId, String target, String connectionId,
                            String systemKind, RequestType action, ResultStatus status, int attempts,
                            Instant nextAttemptAt, Integer recordsAffected, String evidence, String lastError,
                            String exportSealed, Instant updatedAt, Instant completedAt) {

        public boolean local() {
            return LIAISON.equals(target);
        }
    }

    private static final String REQUEST_COLUMNS = "id, workspace_id, request_type, regime, status, status_reason, "
            + "subject_hashes, subject_sealed, note_sealed, profile_ids, received_at, due_at, extended, "
            + "extension_reason, verified_at, verified_by, completed_at, restriction_lifted_at, updated_at";
    private static final String RESULT_COLUMNS = "id, workspace_id, request_id, target, connection_id, system_kind, "
            + "action, status, attempts, next_attempt_at, records_affected, evidence, last_error, export_sealed, "
            + "updated_at, completed_at";

    private final DataSource dataSource;
    private final WorkspaceJdbc jdbc;

    @Inject
    public DsrStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected DsrStore() {
        this(null);
    }

    public void insert(RequestRow request) {
        jdbc.update("insert into dsr_request (" + REQUEST_COLUMNS + ") values (?, :workspace, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?)", request.id(), request.type().name(),
                request.regime().code(), request.status().name(), request.statusReason(), request.subjectHashes(),
                request.subjectSealed(), request.noteSealed(), request.profileIds(), request.receivedAt(),
                request.dueAt(), request.extended(), request.extensionReason(), request.verifiedAt(),
                request.verifiedBy(), request.completedAt(), request.restrictionLiftedAt(), request.updatedAt());
    }

    public Optional<RequestRow> find(String id) {
        return jdbc.first("select " + REQUEST_COLUMNS + " from dsr_request where workspace_id = :workspace and id = ?",
                DsrStore::request, id);
    }

    /** The newest first. */
    public List<RequestRow> list(int limit) {
        return jdbc.query("select " + REQUEST_COLUMNS + " from dsr_request where workspace_id = :workspace "
                + "order by received_at desc, id fetch first " + limit + " rows only", DsrStore::request);
    }

    public void status(String id, RequestStatus status, String reason, Instant now) {
        jdbc.update("update dsr_request set status = ?, status_reason = ?, updated_at = ?, completed_at = ? "
                + "where workspace_id = :workspace and id = ?", status.name(), reason, now,
                status.closed() ? now : null, id);
    }

    public void verified(String id, String verifiedBy, Instant now) {
        jdbc.update("update dsr_request set status = ?, verified_at = ?, verified_by = ?, updated_at = ? "
                + "where workspace_id = :workspace and id = ?", RequestStatus.VERIFIED.name(), now, verifiedBy, now,
                id);
    }

    public void extended(String id, Instant dueAt, String reason, Instant now) {
        jdbc.update("update dsr_request set due_at = ?, extended = ?, extension_reason = ?, updated_at = ? "
                + "where workspace_id = :workspace and id = ?", dueAt, true, reason, now, id);
    }

    public void captured(String id, String subjectSealed, List<String> profileIds, Instant now) {
        jdbc.update("update dsr_request set subject_sealed = ?, profile_ids = ?, updated_at = ? "
                + "where workspace_id = :workspace and id = ?", subjectSealed, String.join(",", profileIds), now,
                id);
    }

    /** Drops what the request held in clear (sealed): called when nothing is left to execute. */
    public void forgetSubject(String id) {
        jdbc.update("update dsr_request set subject_sealed = null where workspace_id = :workspace and id = ?", id);
    }

    public void restrictionLifted(String id, Instant now) {
        jdbc.update("update dsr_request set restriction_lifted_at = ?, updated_at = ? "
                + "where workspace_id = :workspace and id = ?", now, now, id);
    }

    /** Adds a result row unless the request already has one for this target. */
    public void addResult(String requestId, String target, String connectionId, String systemKind,
                          RequestType action, ResultStatus status, String lastError, Instant now) {
        if (jdbc.first("select id from dsr_system_result where workspace_id = :workspace and request_id = ? "
                + "and target = ?", row -> row.getLong(1), requestId, target).isEmpty()) {
            jdbc.update("insert into dsr_system_result (workspace_id, request_id, target, connection_id, "
                    + "system_kind, action, status, attempts, next_attempt_at, last_error, updated_at) "
                    + "values (:workspace, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", requestId, target,
                    connectionId, systemKind, action.name(), status.name(), now, cut(lastError), now);
        }
    }

    public List<ResultRow> results(String requestId) {
        return jdbc.query("select " + RESULT_COLUMNS + " from dsr_system_result where workspace_id = :workspace "
                + "and request_id = ? order by id", DsrStore::result, requestId);
    }

    /** Locks the oldest due result of any workspace; see {@link DueRows}. Must run in the step's transaction. */
    public Optional<ResultRow> claimDue(Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            return DueRows.claim(connection, "dsr_system_result", RESULT_COLUMNS, now, DsrStore::result);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    public void done(long resultId, Integer records, String evidence, String exportSealed, Instant now) {
        jdbc.update("update dsr_system_result set status = ?, attempts = attempts + 1, records_affected = ?, "
                + "evidence = ?, last_error = null, export_sealed = ?, updated_at = ?, completed_at = ? "
                + "where workspace_id = :workspace and id = ?", ResultStatus.DONE.name(), records, cut(evidence),
                exportSealed, now, now, resultId);
    }

    /** A failed attempt: PENDING again at {@code retryAt}, or FAILED when there is none. */
    public void failed(long resultId, String error, Optional<Instant> retryAt, Instant now) {
        jdbc.update("update dsr_system_result set status = ?, attempts = attempts + 1, last_error = ?, "
                + "next_attempt_at = ?, updated_at = ? where workspace_id = :workspace and id = ?",
                retryAt.isPresent() ? ResultStatus.PENDING.name() : ResultStatus.FAILED.name(), cut(error),
                retryAt.orElse(now), now, resultId);
    }

    /** Makes the request's FAILED results due now with a fresh attempt budget. */
    public int retryFailed(String requestId, Instant now) {
        return jdbc.update("update dsr_system_result set status = ?, attempts = 0, next_attempt_at = ?, "
                + "updated_at = ? where workspace_id = :workspace and request_id = ? and status = ?",
                ResultStatus.PENDING.name(), now, now, requestId, ResultStatus.FAILED.name());
    }

    private static String cut(String text) {
        return text == null || text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT);
    }

    private static RequestRow request(ResultSet row) throws SQLException {
        return new RequestRow(row.getString("id"), row.getString("workspace_id"),
                RequestType.valueOf(row.getString("request_type")), Regime.of(row.getString("regime")).orElseThrow(),
                RequestStatus.valueOf(row.getString("status")), row.getString("status_reason"),
                row.getString("subject_hashes"), row.getString("subject_sealed"), row.getString("note_sealed"),
                row.getString("profile_ids"), Jdbc.instant(row.getTimestamp("received_at")),
                Jdbc.instant(row.getTimestamp("due_at")), row.getBoolean("extended"),
                row.getString("extension_reason"), Jdbc.instant(row.getTimestamp("verified_at")),
                row.getString("verified_by"), Jdbc.instant(row.getTimestamp("completed_at")),
                Jdbc.instant(row.getTimestamp("restriction_lifted_at")), Jdbc.instant(row.getTimestamp("updated_at")));
    }

    private static ResultRow result(ResultSet row) throws SQLException {
        return new ResultRow(row.getLong("id"), row.getString("workspace_id"), row.getString("request_id"),
                row.getString("target"), row.getString("connection_id"), row.getString("system_kind"),
                RequestType.valueOf(row.getString("action")), ResultStatus.valueOf(row.getString("status")),
                row.getInt("attempts"), Jdbc.instant(row.getTimestamp("next_attempt_at")),
                row.getObject("records_affected", Integer.class), row.getString("evidence"), row.getString("last_error"),
                row.getString("export_sealed"), Jdbc.instant(row.getTimestamp("updated_at")),
                Jdbc.instant(row.getTimestamp("completed_at")));
    }
}
