package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioReportTest {

    private static final List<ScenarioReport.Check> HELD = List.of(
            new ScenarioReport.Check("scenario_run", 210_000, 210_000),
            new ScenarioReport.Check("loyalty_entry", 105_000, 105_000));

    @Test
    void theRatioIsTheEnginesRateOverTheCeilings() {
        ScenarioReport report = new ScenarioReport(run(100_000, Map.of(), 200, 8.0, 30.0),
                run(100_000, Map.of(), 0.5, 0.004, 0.02), HELD, 2);

        assertThat(report.ratio()).isCloseTo(0.0025, within(1e-9));
        assertThat(report.untrustworthy()).isFalse();
        assertThat(report.notes()).isEmpty();
        assertThat(report.throughput().rows().get(0)).containsExactly("engine: start() + commit", "4", "100000", "0",
                "200.0", "500", "8.000", "30.000", "0.000", "0.000", "0 %", "0 %");
        assertThat(report.throughput().rows().get(1)).contains("ceiling: condition only", "200000", "0.004");
        assertThat(report.verdict()).isEqualTo("The engine started 100,000 deal-won scenarios at 500 evaluations/s "
                + "with 4 threads (p50 8.000 ms, p99 30.000 ms per start and commit), each also running the nested "
                + "tier-upgrade-congratulation scenario its points caused. Bare evaluation of the same trigger "
                + "condition reached 200000 evaluations/s: the engine runs at 0.25 % of that ceiling.");
    }

    @Test
    void aFailedStartOrACountThatDiffersMakesTheFiguresUntrustworthy() {
        ScenarioReport failedStart = new ScenarioReport(run(99_999, Map.of("IllegalStateException", 1L), 200, 8, 30),
                run(100_000, Map.of(), 0.5, 0.004, 0.02), HELD, 2);
        ScenarioReport missingRows = new ScenarioReport(run(100_000, Map.of(), 200, 8, 30),
                run(100_000, Map.of(), 0.5, 0.004, 0.02),
                List.of(new ScenarioReport.Check("outbox_action SEND_MESSAGE", 210_000, 209_998)), 2);

        assertThat(failedStart.untrustworthy()).isTrue();
        assertThat(failedStart.notes()).containsExactly("engine: 1 x IllegalStateException");
        assertThat(missingRows.untrustworthy()).isTrue();
        assertThat(missingRows.notes()).containsExactly("outbox_action SEND_MESSAGE: 210000 expected, 209998 found");
        assertThat(missingRows.work().rows()).containsExactly(
                List.of("outbox_action SEND_MESSAGE", "210000", "209998", "NO"));
    }

    private static Measurement run(long succeeded, Map<String, Long> errors, double seconds, double p50, double p99) {
        return new Measurement(4, succeeded, errors, Duration.ofMillis(Math.round(seconds * 1000)), p50, p99,
                CpuTime.NONE, false);
    }
}
