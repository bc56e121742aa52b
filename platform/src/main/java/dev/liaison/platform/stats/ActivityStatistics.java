package dev.liaison.platform.stats;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/**
 * The figures the console draws, for the bound workspace: deliveries per connection per day with the dead ones,
 * how long deliveries waited to be processed, what scenario steps did, and data-subject requests by status and
 * deadline. Every query is bounded by time or by a row limit, so a busy workspace costs the same as a quiet one.
 */
@ApplicationScoped
public class ActivityStatistics {

    /** Processing lag is measured on the newest processed deliveries, at most this many. */
    static final int LAG_SAMPLE = 5000;

    private final WorkspaceJdbc jdbc;

    public record DailyDeliveries(String connectionId, LocalDate day, long received, long dead) {
    }

    public record Processed(Instant receivedAt, Instant processedAt) {

        public Duration lag() {
            return Duration.between(receivedAt, processedAt);
        }
    }

    public record StepOutcome(int step, String stepKind, String outcome, long count) {
    }

    public record RequestCount(String status, long count, long overdue, long dueSoon) {
    }

    @Inject
    public ActivityStatistics(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected ActivityStatistics() {
        this.jdbc = null;
    }

    public List<DailyDeliveries> deliveriesPerDay(Instant since) {
        return jdbc.query("select connection_id, cast(received_at as date) as day, count(*), "
                + "sum(case when status = 'DEAD' then 1 else 0 end) from inbox_entry "
                + "where workspace_id = :workspace and received_at >= ? "
                + "group by connection_id, cast(received_at as date) order by day, connection_id",
                row -> new DailyDeliveries(row.getString(1), row.getDate(2).toLocalDate(), row.getLong(3),
                        row.getLong(4)), since);
    }

    public List<Processed> newestProcessed(Instant since) {
        return jdbc.query("select received_at, processed_at from inbox_entry where workspace_id = :workspace "
                + "and processed_at >= ? order by processed_at desc fetch first " + LAG_SAMPLE + " rows only",
                row -> new Processed(Jdbc.instant(row.getTimestamp(1)), Jdbc.instant(row.getTimestamp(2))), since);
    }

    public List<StepOutcome> scenarioSteps(Instant since) {
        return jdbc.query("select coalesce(step, 0), coalesce(step_kind, 'trigger'), outcome, count(*) "
                + "from scenario_trace where workspace_id = :workspace and created_at >= ? "
                + "group by coalesce(step, 0), coalesce(step_kind, 'trigger'), outcome "
                + "order by 1, 2, 3",
                row -> new StepOutcome(row.getInt(1), row.getString(2), row.getString(3), row.getLong(4)), since);
    }

    public List<RequestCount> requestsByStatus(Instant now, Duration dueSoon) {
        return jdbc.query("select status, count(*), sum(case when due_at < ? then 1 else 0 end), "
                + "sum(case when due_at >= ? and due_at < ? then 1 else 0 end) from dsr_request "
                + "where workspace_id = :workspace group by status order by status",
                row -> new RequestCount(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4)),
                now, now, now.plus(dueSoon));
    }
}
