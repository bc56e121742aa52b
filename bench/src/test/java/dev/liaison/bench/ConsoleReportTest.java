package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {

    @Test
    void theGoalIsEveryPagesServerP95UnderOneHundredMilliseconds() {
        ConsoleReport met = report(1_000_000, 99.9);
        ConsoleReport missed = report(1_000_000, 100);

        assertThat(met.verdict()).startsWith("The goal is MET (server time p95 < 100 ms with 1,000,000 profiles): "
                + "search by e-mail 99.9 ms, search by phone 99.9 ms");
        assertThat(missed.verdict()).startsWith("The goal is NOT MET");
        assertThat(missed.tooSlow()).hasSize(7);
    }

    @Test
    void theCeilingIsTheSignInFormAndIsNotJudged() {
        ConsoleReport report = report(1_000_000, 20);
        List<String> email = report.table().rows().get(0);
        List<String> ceiling = report.table().rows().get(7);

        assertThat(email).containsExactly("search by e-mail", "1", "0", "20.0", "20.0", "20.0", "20.0", "1.0", "4.0");
        assertThat(ceiling.get(0)).isEqualTo("sign-in form (ceiling)");
        assertThat(ceiling.get(8)).isEqualTo("1.0");
    }

    @Test
    void aFailedPageMakesTheRunInvalidAndASmallerPopulationIsNotJudged() {
        ConsoleReport failed = report(1_000_000, 10);
        failed.times().get(1).failed("person 7: HTTP 500");

        assertThat(failed.anyFailure()).isTrue();
        assertThat(failed.verdict()).startsWith("NOT VALID");
        assertThat(failed.plain()).contains("search by phone: person 7: HTTP 500");
        assertThat(report(10_000, 10).verdict()).startsWith("Not judged");
    }

    private static ConsoleReport report(int population, double millis) {
        List<ConsoleTimes> times = Arrays.stream(ConsolePageKind.values()).map(kind -> {
            ConsoleTimes measured = new ConsoleTimes(kind);
            measured.record(kind == ConsolePageKind.SIGN_IN_FORM ? 5 : millis, 1_000_000);
            return measured;
        }).toList();
        return new ConsoleReport(population, times, population == ConsoleBenchSettings.GOAL_POPULATION);
    }
}
