package dev.liaison.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.trace.Correlation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private OutboxStore outbox;
    private final String connectionId = "conn-" + System.nanoTime();

    @BeforeEach
    void migrate() throws Exception {
        TestDatabase database = TestDatabase.migrated();
        outbox = new OutboxStore(database);
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                     + "name, settings, status, created_at, version) values (?, 'default', 'zendesk', 'n', 'x', "
                     + "'ACTIVE', current_timestamp, 0)")) {
            insert.setString(1, connectionId);
            insert.executeUpdate();
        }
    }

    @Test
    void anActionIsAddedOncePerIdempotencyKey() {
        long first = outbox.enqueue("default", connectionId, "inbox-7/0", "ROUTE_TICKET", "{}", T0);
        long again = outbox.enqueue("default", connectionId, "inbox-7/0", "ROUTE_TICKET", "{}", T0.plusSeconds(1));

        assertThat(again).isEqualTo(first);
        assertThat(outbox.claimDue(T0)).get().extracting(OutboxAction::id).isEqualTo(first);
    }

    @Test
    void anActionCarriesTheCorrelationIdOfTheDeliveryThatDecidedIt() {
        Correlation.run("req-42", () -> outbox.enqueue("default", connectionId, "inbox-7/0", "ROUTE_TICKET", "{}", T0));
        long byTimer = outbox.enqueue("default", connectionId, "timer-1", "ROUTE_TICKET", "{}", T0);

        assertThat(outbox.claimDue(T0)).get().extracting(OutboxAction::requestId).isEqualTo("req-42");
        assertThat(outbox.find(byTimer)).get().extracting(OutboxAction::requestId).isNull();
    }

    @Test
    void aDoneActionIsNotDueAndKeepsItsResult() {
        long id = outbox.enqueue("default", connectionId, "k", "ROUTE_TICKET", "{\"ticket\":\"35436\"}", T0);

        outbox.markDone(id, "HTTP 200", T0.plusSeconds(1));

        assertThat(outbox.claimDue(T0.plusSeconds(60))).isEmpty();
        OutboxAction done = outbox.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(OutboxStore.DONE);
        assertThat(done.result()).isEqualTo("HTTP 200");
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void failuresRetryAtTheirTimeAndThenDie() {
        long id = outbox.enqueue("default", connectionId, "k", "ROUTE_TICKET", "{}", T0);

        outbox.recordFailure(id, "HTTP 503", Optional.of(T0.plusSeconds(30)), T0);
        assertThat(outbox.claimDue(T0.plusSeconds(29))).isEmpty();
        assertThat(outbox.claimDue(T0.plusSeconds(30))).isPresent();

        outbox.recordFailure(id, "HTTP 404: ticket gone", Optional.empty(), T0.plusSeconds(31));
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxStore.DEAD);
        assertThat(outbox.claimDue(T0.plusSeconds(3600))).isEmpty();
    }
}
