package dev.liaison.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The append-only record of admin and compliance actions. There is deliberately no update or delete: an officer
 * proving what was done must be able to trust that nothing was taken back. Callers pass ids, never personal data.
 */
@ApplicationScoped
public class AuditStore {

    private static final int ACTOR_LIMIT = 255;
    private static final int TARGET_LIMIT = 255;
    private static final int DETAIL_LIMIT = 500;

    private final DataSource dataSource;

    @Inject
    public AuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected AuditStore() {
        this(null);
    }

    public void record(AuditEvent event) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into audit_event (workspace_id, "
                     + "occurred_at, actor, action, target, outcome, status, detail) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.workspaceId());
            insert.setTimestamp(2, Timestamp.from(event.occurredAt()));
            insert.setString(3, truncate(event.actor(), ACTOR_LIMIT));
            insert.setString(4, event.action());
            insert.setString(5, event.target() == null ? null : truncate(event.target(), TARGET_LIMIT));
            insert.setString(6, event.outcome().name());
            insert.setObject(7, event.status(), Types.INTEGER);
            insert.setString(8, event.detail() == null ? null : truncate(event.detail(), DETAIL_LIMIT));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record audit action " + event.action(), e);
        }
    }

    /** The newest first, at most {@code limit}, optionally only those at or after {@code since}. */
    public List<AuditEvent> recent(String workspaceId, Instant since, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select workspace_id, occurred_at, actor, "
                     + "action, target, outcome, status, detail from audit_event where workspace_id = ? and occurred_at >= ? "
                     + "order by occurred_at desc, id desc")) {
            select.setString(1, workspaceId);
            select.setTimestamp(2, Timestamp.from(since == null ? Instant.EPOCH : since));
            select.setMaxRows(limit);
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new AuditEvent(rows.getString(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                            rows.getString(4), rows.getString(5), AuditEvent.Outcome.valueOf(rows.getString(6)),
                            rows.getObject(7) == null ? null : rows.getInt(7), rows.getString(8)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit trail", e);
        }
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit);
    }
}
