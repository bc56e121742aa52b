package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntakeReportTest {

    @Test
    void ratioIsIntakeThroughputOverCeilingThroughput() {
        LevelResult level = new LevelResult(8, perSecond(8, 1_200), perSecond(8, 4_000));

        assertThat(level.ratio()).isCloseTo(0.30, within(1e-9));
    }

    @Test
    void theGoalIsHalfTheCeilingAtConcurrency32() {
        IntakeReport exactlyHalf = new IntakeReport(List.of(
                new LevelResult(1, perSecond(1, 10), perSecond(1, 1_000)),
                new LevelResult(32, perSecond(32, 2_000), perSecond(32, 4_000))), 2);
        IntakeReport below = new IntakeReport(List.of(
                new LevelResult(32, perSecond(32, 1_999), perSecond(32, 4_000))), 2);

        assertThat(exactlyHalf.goalMet()).isTrue();
        assertThat(exactlyHalf.verdict()).isEqualTo("At concurrency 32 durable intake reached 50.0 % of the "
                + "plain-insert ceiling: the goal of at least 50 % is MET.");
        assertThat(below.goalMet()).isFalse();
        assertThat(below.verdict()).endsWith("reached 50.0 % of the plain-insert ceiling: the goal of at least "
                + "50 % is NOT MET.");
    }

    @Test
    void withoutConcurrency32TheGoalIsNotJudgedAsMet() {
        IntakeReport report = new IntakeReport(List.of(new LevelResult(8, perSecond(8, 1), perSecond(8, 1))), 2);

        assertThat(report.goalMet()).isFalse();
        assertThat(report.verdict()).contains("was not measured");
    }

    @Test
    void throughputTableShowsBothSidesAndTheRatio() {
        IntakeReport report = new IntakeReport(List.of(
                new LevelResult(32, perSecond(32, 1_500), perSecond(32, 2_000))), 2);

        assertThat(report.throughput().rows()).containsExactly(
                List.of("32", "1500", "3.00", "9.50", "0", "2000", "3.00", "9.50", "75.0 %"));
    }

    @Test
    void cpuTableChargesEachPartyPerRequestAndShowsWhoElseKeptTheMachineBusy() {
        Measurement intake = new Measurement(32, 1_000, Map.of(), Duration.ofSeconds(1), 3, 9,
                new CpuTime(Duration.ofMillis(1_000), Duration.ofMillis(500), Duration.ofMillis(300),
                        Duration.ofMillis(1_900)), false);
        IntakeReport report = new IntakeReport(List.of(new LevelResult(32, intake, perSecond(32, 1))), 2);

        assertThat(report.cpu().rows().get(0))
                .containsExactly("intake", "32", "1.0", "1.000", "0.500", "0.300", "5 %", "95 %");
    }

    @Test
    void failedRequestsAndCappedRunsAreNoted() {
        Measurement failing = new Measurement(8, 990, Map.of("HTTP 503", 10L), Duration.ofSeconds(1), 1, 2,
                CpuTime.NONE, false);
        Measurement capped = new Measurement(8, 500, Map.of(), Duration.ofSeconds(120), 1, 2, CpuTime.NONE, true);
        IntakeReport report = new IntakeReport(List.of(new LevelResult(8, failing, capped)), 2);

        assertThat(report.anyRequestFailed()).isTrue();
        assertThat(report.notes()).containsExactly("intake at concurrency 8: 10 x HTTP 503",
                "ceiling at concurrency 8 stopped at its time cap after 500 successful requests");
        assertThat(report.markdown("context")).contains("- intake at concurrency 8: 10 x HTTP 503");
    }

    @Test
    void aCleanRunHasNoNotes() {
        IntakeReport report = new IntakeReport(List.of(
                new LevelResult(1, perSecond(1, 100), perSecond(1, 100))), 2);

        assertThat(report.anyRequestFailed()).isFalse();
        assertThat(report.notes()).isEmpty();
    }

    private static Measurement perSecond(int concurrency, long succeeded) {
        return new Measurement(concurrency, succeeded, Map.of(), Duration.ofSeconds(1), 3, 9.5, CpuTime.NONE, false);
    }
}
