package dev.liaison.bench;

import static dev.liaison.bench.ReportCells.decimal;
import static dev.liaison.bench.ReportCells.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The connector sync benchmark's verdict: per system, the records/s of a full sync against a fake that enforces the
 * vendor's limit, as a fraction of the ceiling that limit allows (the issue's own formula), how many refusals the
 * fake sent and whether the sync absorbed them, and whether the issue's goal was met.
 */
final class ConnectorReport {

    /**
     * One system's limit and goal as its issue states them.
     *
     * @param requestsPerSecond the sustained rate the vendor allows
     * @param recordsPerRequest the most records one request can carry
     * @param ceilingFormula    how the issue writes the ceiling
     * @param judgedAtRecords   the run size the goal is stated for; other sizes are reported, not judged
     */
    record Case(String system, String issue, String records, double requestsPerSecond, int recordsPerRequest,
                String ceilingFormula, double goal, int judgedAtRecords, String refusal) {

        double ceilingRecordsPerSecond() {
            return requestsPerSecond * recordsPerRequest;
        }
    }

    /** One measured sync. */
    record Row(Case system, int expected, SyncDriver.Result sync, RateLimitedFake.Traffic traffic) {

        double recordsPerSecond() {
            double elapsed = seconds(sync.toLastRecord());
            return elapsed <= 0 ? 0 : sync.distinct() / elapsed;
        }

        double fractionOfCeiling() {
            return recordsPerSecond() / system.ceilingRecordsPerSecond();
        }

        boolean judged() {
            return expected == system.judgedAtRecords();
        }

        boolean goalMet() {
            return judged() && refusalsHandled() && fractionOfCeiling() >= system.goal();
        }

        /** Every refusal absorbed inside the connector: no pull failed, and every record came exactly once. */
        boolean refusalsHandled() {
            return sync.failedPulls().isEmpty() && sync.exactlyOnce();
        }

        int requests() {
            return traffic.arrivalNanos().size();
        }

        /** Requests a second between the first and the last arrival: how close the connector paces to the limit. */
        double requestsPerSecond() {
            List<Long> arrivals = traffic.arrivalNanos();
            if (arrivals.size() < 2) {
                return 0;
            }
            return (arrivals.size() - 1) / ((arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9);
        }

        double gapMillis(double quantile) {
            return percentile(gaps(traffic.arrivalNanos()), quantile);
        }
    }

    private final List<Row> rows;

    ConnectorReport(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    Table table() {
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            SyncDriver.Result sync = row.sync();
            cells.add(List.of(row.system().system(), Integer.toString(row.expected()),
                    sync.exactlyOnce() ? "yes" : "NO", Integer.toString(row.requests()),
                    Integer.toString(row.traffic().refusals()), Integer.toString(sync.failedPulls().size()),
                    decimal(seconds(sync.toLastRecord()), 1), decimal(row.recordsPerSecond(), 0),
                    decimal(row.system().ceilingRecordsPerSecond(), 0),
                    decimal(row.fractionOfCeiling() * 100, 1) + " %", decimal(row.system().goal() * 100, 0) + " %",
                    decimal(row.requestsPerSecond(), 2), decimal(row.system().requestsPerSecond(), 2),
                    decimal(row.gapMillis(0.50), 0), decimal(row.gapMillis(0.99), 0)));
        }
        return new Table(List.of("system", "records", "exactly once", "requests", "refused", "failed pulls",
                "to last record s", "records/s", "ceiling records/s", "of ceiling", "goal", "requests/s",
                "limit requests/s", "gap p50 ms", "gap p99 ms"), cells);
    }

    List<String> verdicts() {
        List<String> verdicts = new ArrayList<>();
        for (Row row : rows) {
            Case system = row.system();
            SyncDriver.Result sync = row.sync();
            String refusals = row.traffic().refusals() == 0
                    ? "The fake refused no request."
                    : String.format(Locale.ROOT, "The fake refused %d request%s with %s; %s.",
                    row.traffic().refusals(), row.traffic().refusals() == 1 ? "" : "s", system.refusal(),
                    row.refusalsHandled() ? "the connector absorbed every one (no pull failed, every record "
                            + "delivered exactly once)"
                            : sync.failedPulls().size() + " reached the caller as failed pulls");
            String measured = String.format(Locale.ROOT, "%s (%s): %,d %s at %s records/s, %s %% of the ceiling of "
                            + "%s records/s (%s).", system.system(), system.issue(), row.expected(),
                    system.records(), decimal(row.recordsPerSecond(), 0), decimal(row.fractionOfCeiling() * 100, 1),
                    decimal(system.ceilingRecordsPerSecond(), 0), system.ceilingFormula());
            String goal = !row.judged()
                    ? String.format(Locale.ROOT, "The goal (at least %s %% with %,d %s) is not judged at this size.",
                    decimal(system.goal() * 100, 0), system.judgedAtRecords(), system.records())
                    : String.format(Locale.ROOT, "The goal of at least %s %% with every refusal handled is %s.",
                    decimal(system.goal() * 100, 0), row.goalMet() ? "MET" : "NOT MET");
            verdicts.add(measured + " " + refusals + " " + goal);
        }
        return verdicts;
    }

    /** Syncs whose numbers cannot be trusted or that did not end as they must; empty for a clean run. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (Row row : rows) {
            String name = row.system().system();
            SyncDriver.Result sync = row.sync();
            if (sync.hitTimeCap()) {
                notes.add(name + ": stopped at its time cap");
            } else if (!sync.completed()) {
                notes.add(name + ": the sync stopped before its end");
            }
            if (sync.missing() > 0 || sync.duplicates() > 0 || sync.unexpected() > 0) {
                notes.add(String.format(Locale.ROOT, "%s: %d records missing, %d delivered twice or more, %d events "
                        + "not about a loaded record", name, sync.missing(), sync.duplicates(), sync.unexpected()));
            }
            sync.failedPulls().forEach(failure -> notes.add(name + ": pull failed: " + failure));
            row.traffic().fakeErrors().forEach(error -> notes.add(name + ": the fake could not answer " + error));
        }
        return notes;
    }

    /** Records not exactly once, a sync cut short, or a request the fake could not answer. */
    boolean anyFailure() {
        return rows.stream().anyMatch(row -> !row.sync().exactlyOnce() || !row.traffic().fakeErrors().isEmpty());
    }

    String markdown(String header) {
        StringBuilder text = new StringBuilder(header).append("\n\n").append(table().markdown()).append('\n');
        for (String verdict : verdicts()) {
            text.append("- ").append(verdict).append('\n');
        }
        List<String> notes = notes();
        if (!notes.isEmpty()) {
            text.append("\nNotes:\n\n");
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }

    /** Milliseconds between consecutive arrivals. */
    static List<Double> gaps(List<Long> arrivalNanos) {
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < arrivalNanos.size(); i++) {
            gaps.add((arrivalNanos.get(i) - arrivalNanos.get(i - 1)) / 1e6);
        }
        return gaps;
    }

    /** Nearest-rank percentile; 0 for no values. */
    static double percentile(List<Double> values, double quantile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
