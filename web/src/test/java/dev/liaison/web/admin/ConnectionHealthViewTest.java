package dev.liaison.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.ConnectionHealthReporter;
import dev.liaison.connector.api.RemoteCallObserver;
import dev.liaison.platform.metrics.RemoteCallMetrics;
import dev.liaison.platform.sync.SyncPhase;
import dev.liaison.platform.sync.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionHealthViewTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static SyncState synced(Instant reconciledAt, Long changed, Long deleted) {
        return new SyncState("c-1", "default", SyncPhase.IDLE, "cursor", false, false, 3, Duration.ofMinutes(15),
                T0.plus(Duration.ofMinutes(15)), null, null, 1, 7, 7, 0, 0, T0.minusSeconds(5), T0, null, null,
                Map.of(), null, reconciledAt, changed, deleted);
    }

    @Test
    void showsTheGuardsWaitsTokenExpiryLastSyncAndDrift() {
        ConnectionHealthReporter.CallGuards guards = new ConnectionHealthReporter.CallGuards(1.9, 50, 47,
                ConnectionHealthReporter.Circuit.CLOSED, null, null);

        ConnectionHealthView health = ConnectionHealthView.of("node-a", Optional.of(guards),
                Map.of(RemoteCallObserver.WaitCause.RATE_LIMIT, new RemoteCallMetrics.WaitTally(3,
                        Duration.ofMillis(1500))), Optional.of(T0.plusSeconds(3600)),
                Optional.of(synced(T0, 6L, 1L)));

        assertThat(health.node()).isEqualTo("node-a");
        assertThat(health.calls().tokensAvailable()).isEqualTo(47);
        assertThat(health.calls().burst()).isEqualTo(50);
        assertThat(health.calls().circuit()).isEqualTo("CLOSED");
        assertThat(health.calls().rateLimitWaits()).isEqualTo(new ConnectionHealthView.WaitsView(3, 1.5));
        assertThat(health.calls().upstreamPauseWaits()).isEqualTo(new ConnectionHealthView.WaitsView(0, 0));
        assertThat(health.accessTokenExpiresAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(health.lastSync().phase()).isEqualTo("IDLE");
        assertThat(health.lastSync().finishedAt()).isEqualTo(T0);
        assertThat(health.lastReconciliation()).isEqualTo(new ConnectionHealthView.DriftView(T0, 6, 1));
    }

    @Test
    void whatIsNotKnownIsLeftOut() {
        ConnectionHealthView health = ConnectionHealthView.of("node-a", Optional.empty(), Map.of(), Optional.empty(),
                Optional.of(synced(null, null, null)));

        assertThat(health.calls()).as("no call from this node yet").isNull();
        assertThat(health.accessTokenExpiresAt()).isNull();
        assertThat(health.lastSync()).isNotNull();
        assertThat(health.lastReconciliation()).as("no incremental run completed yet").isNull();
        assertThat(ConnectionHealthView.of("node-a", Optional.empty(), Map.of(), Optional.empty(), Optional.empty())
                .lastSync()).isNull();
    }
}
