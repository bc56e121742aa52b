package dev.liaison.scenario.tickets;

import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Routing traces, one per routed ticket of a connection, scoped to the current workspace. They also answer the
 * assignee strategies' questions: how often a rule routed (round-robin) and how many open tickets an agent has.
 */
@ApplicationScoped
public class RoutingTraceStore {

    static final String OPEN = "open";
    private static final Set<String> CLOSED_STATUSES = Set.of("solved", "closed");

    /** A stored trace with what became of its outbox action. */
    public record Trace(String connectionId, String ticketId, String ruleName, String assignee, String ticketStatus,
                        String trace, Instant createdAt, String actionStatus, String actionResult,
                        String actionError) {
    }

    private final DataSource dataSource;

    @Inject
    public RoutingTraceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected RoutingTraceStore() {
        this(null);
    }

    public boolean routed(String connectionId, String ticketId) {
        return count("select count(*) from routing_decision where workspace_id = ? and connection_id = ? "
                + "and ticket_id = ?", connectionId, ticketId) > 0;
    }

    public void record(String connectionId, String ticketId, String ruleName, String assignee, String trace,
                       long outboxId, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into routing_decision (workspace_id, "
                     + "connection_id, ticket_id, rule_name, assignee, ticket_status, trace, outbox_id, created_at) "
                     + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, WorkspaceContext.current());
            insert.setString(2, connectionId);
            insert.setString(3, ticketId);
            insert.setString(4, ruleName);
            insert.setString(5, assignee);
            insert.setString(6, OPEN);
            insert.setString(7, trace);
            insert.setLong(8, outboxId);
            insert.setTimestamp(9, Timestamp.from(now));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a routing trace", e);
        }
    }

    public void statusChanged(String connectionId, String ticketId, String status) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update routing_decision set ticket_status = ? "
                     + "where workspace_id = ? and connection_id = ? and ticket_id = ?")) {
            update.setString(1, status);
            update.setString(2, WorkspaceContext.current());
            update.setString(3, connectionId);
            update.setString(4, ticketId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update a ticket status", e);
        }
    }

    public long routedCount(String ruleName) {
        return count("select count(*) from routing_decision where workspace_id = ? and rule_name = ?", ruleName);
    }

    public long openTickets(String assignee) {
        return count("select count(*) from routing_decision where workspace_id = ? and assignee = ? "
                + "and ticket_status not in ('" + String.join("', '", CLOSED_STATUSES) + "')", assignee);
    }

    public List<Trace> forTicket(String ticketId) {
        String sql = "select d.connection_id, d.ticket_id, d.rule_name, d.assignee, d.ticket_status, d.trace, "
                + "d.created_at, a.status, a.result, a.last_error from routing_decision d "
                + "left join outbox_action a on a.id = d.outbox_id where d.workspace_id = ? and d.ticket_id = ? "
                + "order by d.id";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, WorkspaceContext.current());
            select.setString(2, ticketId);
            List<Trace> traces = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    traces.add(new Trace(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getTimestamp(7).toInstant(),
                            rows.getString(8), rows.getString(9), rows.getString(10)));
                }
            }
            return traces;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read routing traces", e);
        }
    }

    private long count(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, WorkspaceContext.current());
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 2, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count routing traces", e);
        }
    }
}
