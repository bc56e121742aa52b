package dev.liaison.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.RemoteCallObserver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrometerPipelineMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerPipelineMetrics metrics = new MicrometerPipelineMetrics(new Meters(registry));
    private final RemoteCallMetrics calls = new RemoteCallMetrics(new Meters(registry));

    @Test
    void everyMeterSaysWhatItCounts() {
        metrics.webhookAccepted("c1", false);
        metrics.webhookRejected(null, PipelineMetrics.Rejection.VERIFICATION);
        metrics.inboxEntryProcessed("c1");
        metrics.inboxEntryFailed("c1");
        metrics.outboxActionDone("c1", "ROUTE_TICKET");
        metrics.outboxActionFailed("c1", "ROUTE_TICKET");
        metrics.consentRefused("withdrawn");
        metrics.scenarioStarted("welcome-series");
        metrics.scenarioRefused("welcome-series");
        metrics.syncRecords("c1", 3, 2, 1, 0);
        calls.waited("c1", RemoteCallObserver.WaitCause.RATE_LIMIT, Duration.ofMillis(20));
        calls.circuitChanged("c1", true);

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName()).containsAll(
                MicrometerPipelineMetrics.help().keySet()).containsAll(RemoteCallMetrics.HELP.keySet());
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank();
        }
    }

    @Test
    void theMetersGoWithTheApplication() {
        Meters meters = new Meters(registry);
        new MicrometerPipelineMetrics(meters).consentRefused("withdrawn");
        meters.gauge("liaison.dsr.overdue", "help", null, Tags.empty(), () -> 1);

        meters.removeRegistered();

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void countsPerLabelSetAndNamesAnUnknownConnectionSo() {
        metrics.webhookAccepted("c1", false);
        metrics.webhookAccepted("c1", false);
        metrics.webhookAccepted("c1", true);
        metrics.webhookRejected(null, PipelineMetrics.Rejection.UNKNOWN_CONNECTION);

        assertThat(registry.get("liaison.webhooks.accepted").tags("connection", "c1", "outcome", "stored").counter()
                .count()).isEqualTo(2.0);
        assertThat(registry.get("liaison.webhooks.rejected").tags("connection", "unknown", "reason",
                "unknown-connection").counter().count()).isEqualTo(1.0);
    }

    @Test
    void theCircuitGaugeFollowsTheBreaker() {
        calls.circuitChanged("c1", true);
        assertThat(registry.get("liaison.remote.circuit.open").tag("connection", "c1").gauge().value()).isEqualTo(1.0);

        calls.circuitChanged("c1", false);
        assertThat(registry.get("liaison.remote.circuit.open").tag("connection", "c1").gauge().value()).isEqualTo(0.0);
        assertThat(registry.get("liaison.remote.circuit.opened").tag("connection", "c1").counter().count()).isEqualTo(1.0);
    }

    @Test
    void theWaitsOfAConnectionAreTalliedPerCauseForItsHealth() {
        calls.waited("c1", RemoteCallObserver.WaitCause.RATE_LIMIT, Duration.ofMillis(500));
        calls.waited("c1", RemoteCallObserver.WaitCause.RATE_LIMIT, Duration.ofMillis(250));
        calls.waited("c2", RemoteCallObserver.WaitCause.UPSTREAM_PAUSE, Duration.ofSeconds(3));

        assertThat(calls.waits("c1")).containsExactly(Map.entry(RemoteCallObserver.WaitCause.RATE_LIMIT,
                new RemoteCallMetrics.WaitTally(2, Duration.ofMillis(750))));
        assertThat(calls.waits("never-waited")).isEmpty();
    }
}
