package dev.liaison.platform.metrics;

import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gauges of what stands in the database: inbox and outbox backlogs per connection, how long their oldest due row has
 * waited, dead letters, and data-subject requests overdue or due soon. A scrape must not query the database (two
 * Prometheus servers scraping every few seconds would add load exactly when the queues are long), so a timer runs
 * a few grouped counts every {@code liaison.metrics.refresh-seconds} and the gauges read the last result. Every node
 * reads the same numbers: the queues are shared. A connection gets its gauges the first time it has a row in either
 * queue.
 */
@ApplicationScoped
public class QueueGauges {

    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());

    private static final String CONNECTION_QUEUES = "select 'inbox', connection_id, status, count(*), "
            + "min(case when next_attempt_at <= ? then next_attempt_at end) from inbox_entry "
            + "where status in ('PENDING', 'DEAD') group by connection_id, status "
            + "union all select 'outbox', connection_id, status, count(*), "
            + "min(case when status = 'PENDING' and next_attempt_at <= ? then next_attempt_at end) from outbox_action "
            + "where status in ('PENDING', 'SENDING', 'DEAD') group by connection_id, status";
    private static final String REQUESTS = "select sum(case when due_at < ? then 1 else 0 end), "
            + "sum(case when due_at >= ? and due_at <= ? then 1 else 0 end) from dsr_request "
            + "where status in ('RECEIVED', 'VERIFIED', 'IN_PROGRESS')";

    /** What the queries found for one connection. */
    record ConnectionQueues(long inboxBacklog, double inboxOldestDueSeconds, long inboxDead, long outboxBacklog,
                            double outboxLagSeconds, long outboxDead) {

        static final ConnectionQueues EMPTY = new ConnectionQueues(0, 0, 0, 0, 0, 0);
    }

    /** Gauge name, help text, base unit and how to read it from a connection's queues. */
    private record PerConnection(String name, String help, String baseUnit, ToDoubleFunction<ConnectionQueues> read) {
    }

    static final Map<String, String> HELP = new LinkedHashMap<>();
    private static final PerConnection[] PER_CONNECTION = {
        new PerConnection("liaison.inbox.backlog", "Inbox entries waiting to be processed (due now or retrying "
                + "later), per connection", null, ConnectionQueues::inboxBacklog),
        new PerConnection("liaison.inbox.oldest.due.age", "How long the oldest due inbox entry of the connection "
                + "has been due; 0 when none is due", "seconds", ConnectionQueues::inboxOldestDueSeconds),
        new PerConnection("liaison.inbox.dead", "Dead inbox entries (given up on; replayable), per connection",
                null, ConnectionQueues::inboxDead),
        new PerConnection("liaison.outbox.backlog", "Outbox actions not yet carried out (pending or being sent), "
                + "per connection", null, ConnectionQueues::outboxBacklog),
        new PerConnection("liaison.outbox.lag", "How long the oldest due outbox action of the connection has been "
                + "due; 0 when none is due", "seconds", ConnectionQueues::outboxLagSeconds),
        new PerConnection("liaison.outbox.dead", "Dead outbox actions (given up on), per connection", null,
                ConnectionQueues::outboxDead),
    };
    static final String DSR_OVERDUE = "liaison.dsr.overdue";
    static final String DSR_DUE_SOON = "liaison.dsr.due.soon";

    static {
        for (PerConnection gauge : PER_CONNECTION) {
            HELP.put(gauge.name(), gauge.help());
        }
        HELP.put(DSR_OVERDUE, "Open data-subject requests past their legal due date");
        HELP.put(DSR_DUE_SOON, "Open data-subject requests due within liaison.compliance.due-soon (3 days unless set)");
    }

    private final DataSource dataSource;
    private final Meters meters;
    private final ManagedScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Duration dueSoon;
    private final Set<String> connectionsWithGauges = ConcurrentHashMap.newKeySet();
    private volatile Map<String, ConnectionQueues> queues = Map.of();
    private volatile long requestsOverdue;
    private volatile long requestsDueSoon;
    private ScheduledFuture<?> refresher;

    @Inject
    public QueueGauges(DataSource dataSource, Meters meters, ManagedScheduledExecutorService scheduler, Clock clock,
                       @ConfigProperty(name = "liaison.metrics.refresh-seconds", defaultValue = "5") int refreshSeconds,
                       @ConfigProperty(name = "liaison.compliance.due-soon", defaultValue = "P3D") Duration dueSoon) {
        this.dataSource = dataSource;
        this.meters = meters;
        this.scheduler = scheduler;
        this.clock = clock;
        this.refreshInterval = Duration.ofSeconds(Math.max(1, refreshSeconds));
        this.dueSoon = dueSoon;
    }

    /** For the CDI client proxy only. */
    protected QueueGauges() {
        this(null, null, null, null, 1, null);
    }

    /** Registers the gauges and refreshes them from now on; called once the schema is migrated. */
    public synchronized void start() {
        if (refresher != null) {
            return;
        }
        meters.gauge(DSR_OVERDUE, HELP.get(DSR_OVERDUE), null, Tags.empty(), () -> requestsOverdue);
        meters.gauge(DSR_DUE_SOON, HELP.get(DSR_DUE_SOON), null, Tags.empty(), () -> requestsDueSoon);
        refresher = scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, refreshInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (refresher != null) {
            refresher.cancel(false);
            refresher = null;
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "The queue gauges could not be refreshed; they keep their last values", e);
        }
    }

    void refresh() throws SQLException {
        Instant now = clock.instant();
        Map<String, ConnectionQueues> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(CONNECTION_QUEUES)) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String connectionId = rows.getString(2);
                        ConnectionQueues row = row(rows.getString(1), rows.getString(3), rows.getLong(4),
                                secondsSince(rows.getTimestamp(5), now));
                        found.merge(connectionId, row, QueueGauges::add);
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(REQUESTS)) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setTimestamp(2, Timestamp.from(now));
                select.setTimestamp(3, Timestamp.from(now.plus(dueSoon)));
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    requestsOverdue = rows.getLong(1);
                    requestsDueSoon = rows.getLong(2);
                }
            }
        }
        queues = Map.copyOf(found);
        found.keySet().forEach(this::registerOnce);
    }

    private static ConnectionQueues row(String queue, String status, long count, double dueSeconds) {
        boolean dead = "DEAD".equals(status);
        if ("inbox".equals(queue)) {
            return dead ? new ConnectionQueues(0, 0, count, 0, 0, 0) : new ConnectionQueues(count, dueSeconds, 0, 0, 0, 0);
        }
        return dead ? new ConnectionQueues(0, 0, 0, 0, 0, count) : new ConnectionQueues(0, 0, 0, count, dueSeconds, 0);
    }

    private static ConnectionQueues add(ConnectionQueues a, ConnectionQueues b) {
        return new ConnectionQueues(a.inboxBacklog() + b.inboxBacklog(),
                Math.max(a.inboxOldestDueSeconds(), b.inboxOldestDueSeconds()), a.inboxDead() + b.inboxDead(),
                a.outboxBacklog() + b.outboxBacklog(), Math.max(a.outboxLagSeconds(), b.outboxLagSeconds()),
                a.outboxDead() + b.outboxDead());
    }

    private static double secondsSince(Timestamp due, Instant now) {
        return due == null ? 0 : Math.max(0, Duration.between(due.toInstant(), now).toMillis() / 1000.0);
    }

    private void registerOnce(String connectionId) {
        if (!connectionsWithGauges.add(connectionId)) {
            return;
        }
        Tags tags = Tags.of("connection", connectionId);
        for (PerConnection gauge : PER_CONNECTION) {
            meters.gauge(gauge.name(), gauge.help(), gauge.baseUnit(), tags,
                    () -> gauge.read().applyAsDouble(queues.getOrDefault(connectionId, ConnectionQueues.EMPTY)));
        }
    }

    /** The last counts of one connection; for tests. */
    ConnectionQueues of(String connectionId) {
        return queues.getOrDefault(connectionId, ConnectionQueues.EMPTY);
    }

    /** Open data-subject requests past their due date, at the last refresh; for tests. */
    long requestsOverdue() {
        return requestsOverdue;
    }

    long requestsDueSoon() {
        return requestsDueSoon;
    }
}
