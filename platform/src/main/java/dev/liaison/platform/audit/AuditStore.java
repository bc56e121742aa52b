package dev.liaison.platform.audit;

import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The append-only record of admin and compliance actions. There is deliberately no update or delete: an officer
 * proving what was done must be able to trust that nothing was taken back. Callers pass ids, never personal data.
 * Each call names its workspace (a refusal is recorded in the caller's own workspace, which need not be the one the
 * request named), and {@link WorkspaceJdbc} binds it.
 */
@ApplicationScoped
public class AuditStore {

    private static final int ACTOR_LIMIT = 255;
    private static final int TARGET_LIMIT = 255;
    private static final int DETAIL_LIMIT = 500;

    private final WorkspaceJdbc jdbc;

    @Inject
    public AuditStore(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected AuditStore() {
        this(null);
    }

    public void record(AuditEvent event) {
        WorkspaceContext.run(event.workspaceId(), () -> jdbc.update("insert into audit_event (workspace_id, "
                + "occurred_at, actor, action, target, outcome, status, detail) "
                + "values (:workspace, ?, ?, ?, ?, ?, ?, ?)",
                event.occurredAt(), truncate(event.actor(), ACTOR_LIMIT), event.action(),
                event.target() == null ? null : truncate(event.target(), TARGET_LIMIT), event.outcome().name(),
                event.status(), event.detail() == null ? null : truncate(event.detail(), DETAIL_LIMIT)));
    }

    /** The newest first, at most {@code limit}, optionally only those at or after {@code since}. */
    public List<AuditEvent> recent(String workspaceId, Instant since, int limit) {
        return WorkspaceContext.call(workspaceId, () -> jdbc.query("select workspace_id, occurred_at, actor, action, "
                + "target, outcome, status, detail from audit_event where workspace_id = :workspace "
                + "and occurred_at >= ? order by occurred_at desc, id desc fetch first ? rows only", AuditStore::event,
                since == null ? Instant.EPOCH : since, limit));
    }

    private static AuditEvent event(ResultSet row) throws SQLException {
        return new AuditEvent(row.getString(1), row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4),
                row.getString(5), AuditEvent.Outcome.valueOf(row.getString(6)),
                row.getObject(7) == null ? null : row.getInt(7), row.getString(8));
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit);
    }
}
