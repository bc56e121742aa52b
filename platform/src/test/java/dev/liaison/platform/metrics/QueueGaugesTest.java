package dev.liaison.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.platform.inbox.InboxStore;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.testing.TestDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueGaugesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(90);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TestDatabase database;
    private QueueGauges gauges;
    private String connectionId;

    @BeforeEach
    void migrate() throws Exception {
        database = TestDatabase.migrated();
        gauges = new QueueGauges(database, new Meters(registry), null, Clock.fixed(NOW, ZoneOffset.UTC), 5,
                Duration.ofDays(3));
        connectionId = "conn-" + System.nanoTime();
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                     + "name, settings, status, created_at, version) values (?, 'default', 'webhook', 'n', '{}', "
                     + "'ACTIVE', current_timestamp, 0)")) {
            insert.setString(1, connectionId);
            insert.executeUpdate();
        }
    }

    @Test
    void countsTheBacklogItsAgeAndTheDeadLettersOfEachConnection() throws Exception {
        InboxStore inbox = new InboxStore(database);
        inbox.accept("default", connectionId, "first", delivery(T0), "req-1");
        inbox.accept("default", connectionId, "second", delivery(T0.plusSeconds(60)), "req-2");
        inbox.accept("default", connectionId, "bad", delivery(T0), "req-3");
        long bad = inbox.list(connectionId, Optional.empty(), 1).get(0).id();
        inbox.recordFailure(bad, 0, "malformed", Optional.empty(), T0);
        OutboxStore outbox = new OutboxStore(database);
        outbox.enqueue("default", connectionId, "k", "ROUTE_TICKET", "{}", T0.plusSeconds(30));

        gauges.refresh();

        QueueGauges.ConnectionQueues queues = gauges.of(connectionId);
        assertThat(queues.inboxBacklog()).isEqualTo(2);
        assertThat(queues.inboxOldestDueSeconds()).isEqualTo(90.0);
        assertThat(queues.inboxDead()).isEqualTo(1);
        assertThat(queues.outboxBacklog()).isEqualTo(1);
        assertThat(queues.outboxLagSeconds()).isEqualTo(60.0);
        Gauge backlog = registry.get("liaison.inbox.backlog").tag("connection", connectionId).gauge();
        assertThat(backlog.value()).isEqualTo(2.0);
        assertThat(backlog.getId().getDescription()).isNotBlank();
    }

    @Test
    void aConnectionWithoutRowsReadsZero() throws Exception {
        gauges.refresh();

        assertThat(gauges.of(connectionId)).isEqualTo(QueueGauges.ConnectionQueues.EMPTY);
        assertThat(gauges.requestsOverdue()).isZero();
        assertThat(gauges.requestsDueSoon()).isZero();
    }

    private static WebhookRequest delivery(Instant receivedAt) {
        return new WebhookRequest("application/json", Map.of(), null, new byte[0], receivedAt);
    }
}
