package dev.liaison.platform.inbox;

import dev.liaison.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How many deliveries each connection's webhook refused, by reason ({@code bad-signature}, {@code stale-timestamp},
 * {@code malformed-body}, {@code unknown-event}…), and when it last did: what tells an admin that a sender is
 * misconfigured, or that someone is knocking. Only the count is kept, never the refused body, which may be forged.
 * One row per connection and reason, counted with an update and, for the first refusal, an insert; two nodes
 * refusing the first delivery at once collide on the key, and the loser counts with the update. Each statement
 * commits on its own: intake has no transaction, and a lost count is no reason to fail the refusal.
 */
@ApplicationScoped
public class RejectedDeliveries {

    /** Refusals of one reason. */
    public record Count(long count, Instant lastAt) {
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Jdbc jdbc;

    @Inject
    public RejectedDeliveries(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected RejectedDeliveries() {
        this(null);
    }

    /** Counts one refused delivery of the connection (which belongs to {@code workspaceId}). */
    public void record(String workspaceId, String connectionId, String reason, Instant now) {
        if (counted(connectionId, reason, now)) {
            return;
        }
        try {
            Jdbc.update(dataSource, "insert into inbox_rejection (workspace_id, connection_id, reason, "
                    + "rejected_count, last_at) values (?, ?, ?, 1, ?)", workspaceId, connectionId, reason, now);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || !counted(connectionId, reason, now)) {
                throw Jdbc.failure(e);
            }
        }
    }

    /** The connection's refusals by reason, in the order of the reasons' names. */
    public Map<String, Count> of(String connectionId) {
        Map<String, Count> counts = new LinkedHashMap<>();
        jdbc.query("select reason, rejected_count, last_at from inbox_rejection where connection_id = ? "
                + "order by reason", row -> Map.entry(row.getString(1), new Count(row.getLong(2),
                        Jdbc.instant(row.getTimestamp(3)))), connectionId)
                .forEach(counted -> counts.put(counted.getKey(), counted.getValue()));
        return counts;
    }

    private boolean counted(String connectionId, String reason, Instant now) {
        return jdbc.update("update inbox_rejection set rejected_count = rejected_count + 1, "
                + "last_at = case when last_at < ? then ? else last_at end where connection_id = ? and reason = ?",
                now, now, connectionId, reason) > 0;
    }
}
