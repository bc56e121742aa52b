package dev.liaison.bench;

import static dev.liaison.bench.ReportCells.decimal;
import static dev.liaison.bench.ReportCells.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scenario benchmark's verdict: deal-won starts per second next to the ceiling of bare condition evaluation in
 * the same JVM, where the CPU time went, and the rows counted afterwards that show each start did its work.
 */
final class ScenarioReport {

    /** A row count the starts must have produced. */
    record Check(String what, long expected, long found) {

        boolean holds() {
            return expected == found;
        }
    }

    private static final String WORK_CAPTION = "Rows in the database afterwards, warm-up included";

    private final Measurement engine;
    private final Measurement ceiling;
    private final List<Check> checks;
    private final int cores;

    /** @param cores the processors the benchmark JVM and PostgreSQL shared */
    ScenarioReport(Measurement engine, Measurement ceiling, List<Check> checks, int cores) {
        this.engine = engine;
        this.ceiling = ceiling;
        this.checks = List.copyOf(checks);
        this.cores = cores;
    }

    /** The engine's rate as a fraction of the ceiling's. */
    double ratio() {
        return ceiling.perSecond() == 0 ? 0 : engine.perSecond() / ceiling.perSecond();
    }

    Table throughput() {
        return new Table(List.of("run", "threads", "evaluations", "failed", "wall s", "evaluations/s", "p50 ms",
                "p99 ms", "JVM CPU ms/eval", "PostgreSQL CPU ms/eval", "other processes busy", "machine busy"),
                List.of(row("engine: start() + commit", engine), row("ceiling: condition only", ceiling)));
    }

    Table work() {
        List<List<String>> rows = new ArrayList<>();
        for (Check check : checks) {
            rows.add(List.of(check.what(), Long.toString(check.expected()), Long.toString(check.found()),
                    check.holds() ? "yes" : "NO"));
        }
        return new Table(List.of("rows", "expected", "found", "as expected"), rows);
    }

    String verdict() {
        return String.format(Locale.ROOT, "The engine started %,d deal-won scenarios at %s evaluations/s with %d "
                        + "threads (p50 %s ms, p99 %s ms per start and commit), each also running the nested %s "
                        + "scenario its points caused. Bare evaluation of the same trigger condition reached %s "
                        + "evaluations/s: the engine runs at %s %% of that ceiling.", engine.succeeded(),
                decimal(engine.perSecond(), 0), engine.concurrency(), decimal(engine.p50Millis(), 3),
                decimal(engine.p99Millis(), 3), DealWonScenario.NESTED, decimal(ceiling.perSecond(), 0),
                decimal(ratio() * 100, 2));
    }

    /** Failed evaluations by run and kind, runs cut short, and counts that differ; empty for a clean run. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        engine.sortedErrors().forEach((kind, count) -> notes.add("engine: " + count + " x " + kind));
        ceiling.sortedErrors().forEach((kind, count) -> notes.add("ceiling: " + count + " x " + kind));
        if (engine.hitTimeCap()) {
            notes.add("engine: stopped at its time cap after " + engine.succeeded() + " starts");
        }
        if (ceiling.hitTimeCap()) {
            notes.add("ceiling: stopped at its time cap after " + ceiling.succeeded() + " evaluations");
        }
        for (Check check : checks) {
            if (!check.holds()) {
                notes.add(String.format(Locale.ROOT, "%s: %d expected, %d found", check.what(), check.expected(),
                        check.found()));
            }
        }
        return notes;
    }

    /** A failed evaluation or a count that differs: then the rate is not the rate of the work described. */
    boolean untrustworthy() {
        return engine.errorCount() > 0 || ceiling.errorCount() > 0
                || checks.stream().anyMatch(check -> !check.holds());
    }

    String plain() {
        StringBuilder text = new StringBuilder(throughput().plain()).append(cpuCaption()).append("\n\n");
        text.append(WORK_CAPTION).append(":\n").append(work().plain()).append('\n');
        notes().forEach(line -> text.append("NOTE: ").append(line).append('\n'));
        return text.append(verdict()).append('\n').toString();
    }

    String markdown(String context) {
        StringBuilder text = new StringBuilder("# Scenario engine benchmark\n\n").append(context).append("\n\n");
        text.append(throughput().markdown()).append('\n').append(cpuCaption()).append("\n\n");
        text.append(WORK_CAPTION).append(":\n\n").append(work().markdown()).append('\n');
        notes().forEach(line -> text.append("- ").append(line).append('\n'));
        return text.append("\n**").append(verdict()).append("**\n").toString();
    }

    private String cpuCaption() {
        return "CPU per evaluation and busy shares: " + cores + " cores shared by the benchmark JVM (the engine "
                + "runs in it), PostgreSQL and anything else running.";
    }

    private List<String> row(String run, Measurement measurement) {
        CpuTime cpu = measurement.cpu();
        long evaluations = measurement.succeeded() + measurement.errorCount();
        return List.of(run, Integer.toString(measurement.concurrency()), Long.toString(measurement.succeeded()),
                Long.toString(measurement.errorCount()), decimal(seconds(measurement.elapsed()), 1),
                decimal(measurement.perSecond(), 0), decimal(measurement.p50Millis(), 3),
                decimal(measurement.p99Millis(), 3), ReportCells.perRequest(cpu.benchmark(), evaluations),
                ReportCells.perRequest(cpu.database(), evaluations),
                ReportCells.percent(cpu.others(), measurement.elapsed(), cores),
                ReportCells.percent(cpu.machine(), measurement.elapsed(), cores));
    }
}
