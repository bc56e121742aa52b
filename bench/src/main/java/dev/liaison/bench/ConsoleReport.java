package dev.liaison.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The console benchmark's report: per page kind the server time's p50/p95/p99/max (from {@code Server-Timing}) and
 * the p95 as a multiple of the ceiling's, the sign-in form measured in the same run; then the verdict on the
 * issue's goal, p95 under {@value ConsoleBenchSettings#GOAL_P95_MILLIS} ms for every search and person page.
 */
record ConsoleReport(int population, List<ConsoleTimes> times, boolean judged) {

    private static final List<String> HEADER = List.of("page", "pages", "failures", "server p50 ms",
            "server p95 ms", "server p99 ms", "server max ms", "round trip p50 ms", "p95 x ceiling");
    private static final int SHOWN_FAILURES = 10;

    ConsoleReport {
        times = List.copyOf(times);
    }

    Table table() {
        double ceiling = ceiling().serverMillis(95);
        List<List<String>> rows = new ArrayList<>();
        for (ConsoleTimes kind : times) {
            rows.add(List.of(kind.kind().label(), Long.toString(kind.count()), Integer.toString(kind.failures().size()),
                    ReportCells.decimal(kind.serverMillis(50), 1), ReportCells.decimal(kind.serverMillis(95), 1),
                    ReportCells.decimal(kind.serverMillis(99), 1), ReportCells.decimal(kind.serverMaxMillis(), 1),
                    ReportCells.decimal(kind.roundTripMillis(50), 1),
                    ceiling == 0 ? "-" : ReportCells.decimal(kind.serverMillis(95) / ceiling, 1)));
        }
        return new Table(HEADER, rows);
    }

    boolean anyFailure() {
        return times.stream().anyMatch(kind -> !kind.failures().isEmpty());
    }

    /** The kinds the goal is about whose p95 is not under it. */
    List<ConsoleTimes> tooSlow() {
        return measured().stream().filter(kind -> kind.serverMillis(95) >= ConsoleBenchSettings.GOAL_P95_MILLIS)
                .toList();
    }

    String verdict() {
        String worst = measured().stream().map(kind -> String.format(Locale.ROOT, "%s %.1f ms", kind.kind().label(),
                kind.serverMillis(95))).collect(Collectors.joining(", "));
        if (anyFailure()) {
            return "NOT VALID: some pages failed (below); server time p95: " + worst;
        }
        if (!judged) {
            return String.format(Locale.ROOT, "Not judged: the goal is about 1,000,000 profiles, %,d were loaded. "
                    + "Server time p95: %s", population, worst);
        }
        List<ConsoleTimes> slow = tooSlow();
        return (slow.isEmpty() ? "The goal is MET" : "The goal is NOT MET") + String.format(Locale.ROOT,
                " (server time p95 < %.0f ms with 1,000,000 profiles): %s", ConsoleBenchSettings.GOAL_P95_MILLIS,
                worst);
    }

    String plain() {
        return table().plain() + "\n" + verdict() + "\n" + failureLines();
    }

    String markdown(String context) {
        return "# Console benchmark\n\n" + context + "\n\n" + table().markdown() + "\n**" + verdict() + "**\n"
                + (anyFailure() ? "\n```\n" + failureLines() + "```\n" : "");
    }

    private String failureLines() {
        StringBuilder lines = new StringBuilder();
        for (ConsoleTimes kind : times) {
            kind.failures().stream().limit(SHOWN_FAILURES)
                    .forEach(why -> lines.append(kind.kind().label()).append(": ").append(why).append('\n'));
            if (kind.failures().size() > SHOWN_FAILURES) {
                lines.append(kind.kind().label()).append(": ").append(kind.failures().size() - SHOWN_FAILURES)
                        .append(" more\n");
            }
        }
        return lines.toString();
    }

    private ConsoleTimes ceiling() {
        return times.stream().filter(kind -> kind.kind() == ConsolePageKind.SIGN_IN_FORM).findFirst()
                .orElseThrow(() -> new IllegalStateException("the ceiling was not measured"));
    }

    private List<ConsoleTimes> measured() {
        return times.stream().filter(kind -> kind.kind() != ConsolePageKind.SIGN_IN_FORM).toList();
    }
}
