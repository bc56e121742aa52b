package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoutingReportTest {

    private static final OpenLoopSchedule SCHEDULE = new OpenLoopSchedule(20, 1_200);

    @Test
    void latencyTablePutsLiaisonNextToTheCeilingAndIntake() {
        RoutingReport report = new RoutingReport(liaison(clean(), 20.0), ceiling(), 2);

        assertThat(report.latency().rows()).containsExactly(
                List.of("webhook sent -> PUT received (Liaison)", "1200", "20.00", "40.00", "60.00", "90.00",
                        "120.00", "1200", "0", "0", "0", "0"),
                List.of("GET + PUT sent directly -> PUT received (ceiling)", "1200", "20.00", "2.00", "3.00", "4.50",
                        "9.00", "1200", "0", "0", "0", "0"),
                List.of("webhook sent -> 202 received (intake alone)", "1200", "20.00", "5.00", "7.00", "9.00",
                        "15.00", "-", "-", "-", "-", "0"));
    }

    @Test
    void theRatioAndTheVerdictReadAsMultiplesOfTheBareRoundTrip() {
        RoutingReport report = new RoutingReport(liaison(clean(), 19.99), ceiling(), 2);

        assertThat(report.valid()).isTrue();
        assertThat(report.notes()).isEmpty();
        assertThat(report.ratio()).isEqualTo(
                "Liaison's webhook-to-PUT latency is 20.0 x the ceiling at p50 and 20.0 x at p99.");
        assertThat(report.verdict()).isEqualTo("At 20 tickets/s (sent at 19.99/s) webhook-to-PUT latency was p50 "
                + "40.0 ms and p99 90.0 ms, 20.0 x and 20.0 x the bare GET + PUT round trip (p50 2.00 ms, p99 4.50 ms); "
                + "every one of the 1200 tickets got exactly one PUT.");
    }

    @Test
    void ticketsWithoutExactlyOnePutMakeTheRunInvalid() {
        RoutingOutcome partly = new RoutingOutcome(1_200, 1_197, 2, 1, 0, latency(40));
        RoutingReport report = new RoutingReport(liaison(partly, 20.0), ceiling(), 2);

        assertThat(report.valid()).isFalse();
        assertThat(report.notes()).containsExactly(
                "Liaison: 3 of 1200 tickets did not get exactly one right PUT (2 missing, 1 duplicated, 0 wrong)");
        assertThat(report.verdict()).contains("NOT VALID");
        assertThat(report.markdown("context")).contains("- Liaison: 3 of 1200 tickets");
    }

    @Test
    void aSenderThatFellBehindOrFailedSendsMakesTheRunInvalid() {
        PacedSender.Result late = new PacedSender.Result(List.of(), Map.of("HTTP 401", 3L), latency(5),
                Duration.ofMillis(900), 17.5);
        RoutingRun.Result run = new RoutingRun.Result("Liaison", SCHEDULE, late, clean(), CpuTime.NONE,
                Duration.ofSeconds(60), false);
        RoutingReport report = new RoutingReport(run, ceiling(), 2);

        assertThat(report.notes()).containsExactly("Liaison: 3 x HTTP 401 when sending",
                "Liaison: the sender fell behind, 17.50/s instead of 20/s (a send left up to 900 ms late)");
    }

    @Test
    void cpuIsChargedPerTicket() {
        RoutingRun.Result run = new RoutingRun.Result("Liaison", SCHEDULE, sending(20), clean(),
                new CpuTime(Duration.ofMillis(6_000), Duration.ofMillis(2_400), Duration.ofMillis(1_200),
                        Duration.ofMillis(12_000)), Duration.ofSeconds(60), false);
        RoutingReport report = new RoutingReport(run, ceiling(), 2);

        assertThat(report.cpu().rows().get(0))
                .containsExactly("Liaison", "60.0", "5.000", "2.000", "1.000", "2 %", "10 %");
    }

    private static RoutingRun.Result liaison(RoutingOutcome outcome, double perSecond) {
        return new RoutingRun.Result("Liaison", SCHEDULE, sending(perSecond), outcome, CpuTime.NONE,
                Duration.ofSeconds(60), false);
    }

    private static RoutingRun.Result ceiling() {
        return new RoutingRun.Result("ceiling", SCHEDULE, sending(20),
                new RoutingOutcome(1_200, 1_200, 0, 0, 0, new LatencyStats(1_200, 2, 3, 4.5, 9)), CpuTime.NONE,
                Duration.ofSeconds(60), false);
    }

    private static RoutingOutcome clean() {
        return new RoutingOutcome(1_200, 1_200, 0, 0, 0, latency(40));
    }

    /** Percentiles in the proportions 1 : 1.5 : 2.25 : 3 of p50. */
    private static LatencyStats latency(double p50) {
        return new LatencyStats(1_200, p50, p50 * 1.5, p50 * 2.25, p50 * 3);
    }

    private static PacedSender.Result sending(double perSecond) {
        List<PacedSender.Sent> sent = IntStream.range(0, 1_200)
                .mapToObj(index -> new PacedSender.Sent(index, index)).toList();
        return new PacedSender.Result(sent, Map.of(), new LatencyStats(1_200, 5, 7, 9, 15), Duration.ofMillis(2),
                perSecond);
    }
}
