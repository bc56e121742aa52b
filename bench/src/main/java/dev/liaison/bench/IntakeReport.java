package dev.liaison.bench;

import static dev.liaison.bench.ReportCells.decimal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark's verdict: intake next to the ceiling at every concurrency, where the CPU time went, and whether
 * intake reached the goal of the issue, half the ceiling at concurrency 32.
 */
final class IntakeReport {

    static final double GOAL_RATIO = 0.5;
    static final int GOAL_CONCURRENCY = 32;

    private final List<LevelResult> levels;
    private final int cores;

    /** @param cores the processors the server, PostgreSQL and the benchmark shared */
    IntakeReport(List<LevelResult> levels, int cores) {
        this.levels = List.copyOf(levels);
        this.cores = cores;
    }

    Table throughput() {
        List<List<String>> rows = new ArrayList<>();
        for (LevelResult level : levels) {
            rows.add(List.of(
                    Integer.toString(level.concurrency()),
                    decimal(level.intake().perSecond(), 0),
                    decimal(level.intake().p50Millis(), 2),
                    decimal(level.intake().p99Millis(), 2),
                    Long.toString(level.intake().errorCount()),
                    decimal(level.ceiling().perSecond(), 0),
                    decimal(level.ceiling().p50Millis(), 2),
                    decimal(level.ceiling().p99Millis(), 2),
                    decimal(level.ratio() * 100, 1) + " %"));
        }
        return new Table(List.of("concurrency", "intake req/s", "intake p50 ms", "intake p99 ms", "intake errors",
                "ceiling rows/s", "ceiling p50 ms", "ceiling p99 ms", "intake/ceiling"), rows);
    }

    /** Where the CPU time of every run went; see {@link ReportCells#cpuRow}. */
    Table cpu() {
        List<List<String>> rows = new ArrayList<>();
        for (NamedRun run : runs()) {
            rows.add(ReportCells.cpuRow(run.name(), run.measurement(), cores));
        }
        return new Table(ReportCells.CPU_HEADER, rows);
    }

    private Optional<LevelResult> goalLevel() {
        return levels.stream().filter(level -> level.concurrency() == GOAL_CONCURRENCY).findFirst();
    }

    boolean goalMet() {
        return goalLevel().map(level -> level.ratio() >= GOAL_RATIO).orElse(false);
    }

    String verdict() {
        return goalLevel()
                .map(level -> String.format(Locale.ROOT,
                        "At concurrency %d durable intake reached %.1f %% of the plain-insert ceiling: the goal of at "
                                + "least %.0f %% is %s.", GOAL_CONCURRENCY, level.ratio() * 100, GOAL_RATIO * 100,
                        goalMet() ? "MET" : "NOT MET"))
                .orElse("Concurrency " + GOAL_CONCURRENCY + " was not measured: the goal cannot be judged.");
    }

    boolean anyRequestFailed() {
        return runs().stream().anyMatch(run -> run.measurement().errorCount() > 0);
    }

    /** Failed requests by run and kind, and runs cut short by their time cap; empty for a clean run. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (NamedRun run : runs()) {
            run.measurement().sortedErrors().forEach((kind, count) -> notes.add(
                    run.describe() + ": " + count + " x " + kind));
        }
        for (NamedRun run : runs()) {
            if (run.measurement().hitTimeCap()) {
                notes.add(run.describe() + " stopped at its time cap after " + run.measurement().succeeded()
                        + " successful requests");
            }
        }
        return notes;
    }

    String plain() {
        StringBuilder text = new StringBuilder(throughput().plain()).append('\n');
        text.append(cpuCaption()).append(":\n").append(cpu().plain()).append('\n');
        notes().forEach(line -> text.append(line).append('\n'));
        return text.append(verdict()).append('\n').toString();
    }

    String markdown(String context) {
        StringBuilder text = new StringBuilder("# Durable webhook intake benchmark\n\n").append(context).append("\n\n");
        text.append(throughput().markdown()).append('\n');
        text.append(cpuCaption()).append(":\n\n").append(cpu().markdown()).append('\n');
        notes().forEach(line -> text.append("- ").append(line).append('\n'));
        return text.append("\n**").append(verdict()).append("**\n").toString();
    }

    private String cpuCaption() {
        return "Where the time went (" + cores + " cores shared by the server, PostgreSQL, the benchmark and anything "
                + "else running)";
    }

    private record NamedRun(String name, Measurement measurement) {
        String describe() {
            return name + " at concurrency " + measurement.concurrency();
        }
    }

    private List<NamedRun> runs() {
        List<NamedRun> runs = new ArrayList<>();
        for (LevelResult level : levels) {
            runs.add(new NamedRun("intake", level.intake()));
            runs.add(new NamedRun("ceiling", level.ceiling()));
        }
        return runs;
    }
}
