package dev.liaison.scenario.tickets;

import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Routing traces, one per routed ticket of a connection, scoped to the current workspace through
 * {@link WorkspaceJdbc}. They also answer the assignee strategies' questions: how often a rule routed (round-robin)
 * and how many open tickets an agent has.
 */
@ApplicationScoped
public class RoutingTraceStore {

    static final String OPEN = "open";
    private static final Set<String> CLOSED_STATUSES = Set.of("solved", "closed");

    /**
     * A stored trace with what became of its outbox action; {@code requestId} is the correlation id of the delivery
     * that caused the decision, as its outbox action carries it.
     */
    public record Trace(String connectionId, String ticketId, String ruleName, String assignee, String ticketStatus,
                        String trace, Instant createdAt, String actionStatus, String actionResult,
                        String actionError, String requestId) {
    }

    private final WorkspaceJdbc jdbc;

    @Inject
    public RoutingTraceStore(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected RoutingTraceStore() {
        this(null);
    }

    public boolean routed(String connectionId, String ticketId) {
        return count("select count(*) from routing_decision where workspace_id = :workspace and connection_id = ? "
                + "and ticket_id = ?", connectionId, ticketId) > 0;
    }

    public void record(String connectionId, String ticketId, String ruleName, String assignee, String trace,
                       long outboxId, Instant now) {
        jdbc.update("insert into routing_decision (workspace_id, connection_id, ticket_id, rule_name, assignee, "
                + "ticket_status, trace, outbox_id, created_at) values (:workspace, ?, ?, ?, ?, ?, ?, ?, ?)",
                connectionId, ticketId, ruleName, assignee, OPEN, trace, outboxId, now);
    }

    public void statusChanged(String connectionId, String ticketId, String status) {
        jdbc.update("update routing_decision set ticket_status = ? where workspace_id = :workspace "
                + "and connection_id = ? and ticket_id = ?", status, connectionId, ticketId);
    }

    public long routedCount(String ruleName) {
        return count("select count(*) from routing_decision where workspace_id = :workspace and rule_name = ?",
                ruleName);
    }

    public long openTickets(String assignee) {
        return count("select count(*) from routing_decision where workspace_id = :workspace and assignee = ? "
                + "and ticket_status not in ('" + String.join("', '", CLOSED_STATUSES) + "')", assignee);
    }

    public List<Trace> forTicket(String ticketId) {
        return jdbc.query("select d.connection_id, d.ticket_id, d.rule_name, d.assignee, d.ticket_status, d.trace, "
                + "d.created_at, a.status, a.result, a.last_error, a.request_id from routing_decision d "
                + "left join outbox_action a on a.id = d.outbox_id where d.workspace_id = :workspace "
                + "and d.ticket_id = ? order by d.id", rows -> new Trace(rows.getString(1), rows.getString(2),
                rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                rows.getTimestamp(7).toInstant(), rows.getString(8), rows.getString(9), rows.getString(10),
                rows.getString(11)), ticketId);
    }

    private long count(String sql, Object... parameters) {
        return jdbc.query(sql, row -> row.getLong(1), parameters).get(0);
    }
}
