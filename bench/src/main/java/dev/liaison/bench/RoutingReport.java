package dev.liaison.bench;

import static dev.liaison.bench.ReportCells.decimal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The routing benchmark's report: webhook-to-PUT latency through Liaison next to the ceiling of the same two
 * Zendesk calls made directly, the webhook's own acknowledgement, whether every ticket got exactly one PUT, and
 * where the CPU time went.
 */
final class RoutingReport {

    /** A sender that left more than this share of the schedule behind did not measure the rate. */
    static final double RATE_TOLERANCE = 0.05;

    private final RoutingRun.Result liaison;
    private final RoutingRun.Result ceiling;
    private final int cores;

    /** @param cores the processors the server, PostgreSQL, the fake and the sender shared */
    RoutingReport(RoutingRun.Result liaison, RoutingRun.Result ceiling, int cores) {
        this.liaison = liaison;
        this.ceiling = ceiling;
        this.cores = cores;
    }

    Table latency() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(routedRow("webhook sent -> PUT received (Liaison)", liaison));
        rows.add(routedRow("GET + PUT sent directly -> PUT received (ceiling)", ceiling));
        PacedSender.Result intake = liaison.sending();
        rows.add(latencyRow("webhook sent -> 202 received (intake alone)", intake.sent().size(),
                intake.achievedPerSecond(), intake.acknowledged(), List.of("-", "-", "-", "-"),
                intake.errorCount()));
        return new Table(List.of("path", "tickets", "sent/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "exactly one PUT", "missing", "duplicated", "wrong", "send errors"), rows);
    }

    Table cpu() {
        List<List<String>> rows = new ArrayList<>();
        for (RoutingRun.Result run : List.of(liaison, ceiling)) {
            CpuTime cpu = run.cpu();
            long tickets = run.schedule().count();
            rows.add(List.of(run.name(), decimal(ReportCells.seconds(run.wall()), 1),
                    ReportCells.perRequest(cpu.server(), tickets), ReportCells.perRequest(cpu.database(), tickets),
                    ReportCells.perRequest(cpu.benchmark(), tickets), ReportCells.percent(cpu.others(), run.wall(), cores),
                    ReportCells.percent(cpu.machine(), run.wall(), cores)));
        }
        return new Table(List.of("run", "wall s", "server CPU ms/ticket", "PostgreSQL CPU ms/ticket",
                "benchmark and fake CPU ms/ticket", "other processes busy", "machine busy"), rows);
    }

    /** How many times the bare round trip Liaison's latency is, at p50 and p99. */
    String ratio() {
        LatencyStats through = liaison.outcome().latency();
        LatencyStats bare = ceiling.outcome().latency();
        return String.format(Locale.ROOT, "Liaison's webhook-to-PUT latency is %s the ceiling at p50 and %s at p99.",
                times(through.p50Millis(), bare.p50Millis()), times(through.p99Millis(), bare.p99Millis()));
    }

    /** Whether the figures mean what they say: on schedule, every delivery accepted, every ticket put exactly once. */
    boolean valid() {
        return notes().isEmpty();
    }

    /** Everything that makes the figures untrustworthy; empty for a clean run. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (RoutingRun.Result run : List.of(liaison, ceiling)) {
            PacedSender.Result sending = run.sending();
            sending.errors().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(error ->
                    notes.add(run.name() + ": " + error.getValue() + " x " + error.getKey() + " when sending"));
            if (sending.achievedPerSecond() < run.schedule().perSecond() * (1 - RATE_TOLERANCE)
                    && run.schedule().count() > 1) {
                notes.add(String.format(Locale.ROOT, "%s: the sender fell behind, %.2f/s instead of %.0f/s "
                        + "(a send left up to %d ms late)", run.name(), sending.achievedPerSecond(),
                        run.schedule().perSecond(), sending.maxLag().toMillis()));
            }
            RoutingOutcome outcome = run.outcome();
            if (!outcome.exactlyOnce()) {
                notes.add(String.format(Locale.ROOT, "%s: %d of %d tickets did not get exactly one right PUT "
                                + "(%d missing, %d duplicated, %d wrong)%s", run.name(),
                        outcome.tickets() - outcome.routed(), outcome.tickets(), outcome.missing(),
                        outcome.duplicated(), outcome.wrong(),
                        run.drainTimedOut() ? "; the wait for the last PUT timed out" : ""));
            }
        }
        return notes;
    }

    String verdict() {
        LatencyStats through = liaison.outcome().latency();
        LatencyStats bare = ceiling.outcome().latency();
        String figures = String.format(Locale.ROOT, "At %.0f tickets/s (sent at %.2f/s) webhook-to-PUT latency "
                        + "was p50 %.1f ms and p99 %.1f ms, %s and %s the bare GET + PUT round trip (p50 %.2f ms, "
                        + "p99 %.2f ms)", liaison.schedule().perSecond(), liaison.sending().achievedPerSecond(),
                through.p50Millis(), through.p99Millis(), times(through.p50Millis(), bare.p50Millis()),
                times(through.p99Millis(), bare.p99Millis()), bare.p50Millis(), bare.p99Millis());
        return valid()
                ? figures + "; every one of the " + liaison.outcome().tickets() + " tickets got exactly one PUT."
                : figures + "; the run is NOT VALID (see the notes above): do not quote these figures.";
    }

    String plain() {
        StringBuilder text = new StringBuilder(latency().plain()).append('\n');
        text.append(ratio()).append("\n\n");
        text.append(cpuCaption()).append(":\n").append(cpu().plain()).append('\n');
        text.append(pacing()).append('\n');
        notes().forEach(line -> text.append(line).append('\n'));
        return text.append(verdict()).append('\n').toString();
    }

    String markdown(String context) {
        StringBuilder text = new StringBuilder("# Routing latency benchmark\n\n").append(context).append("\n\n");
        text.append(latency().markdown()).append('\n');
        text.append(ratio()).append("\n\n");
        text.append(cpuCaption()).append(":\n\n").append(cpu().markdown()).append('\n');
        text.append(pacing()).append("\n\n");
        notes().forEach(line -> text.append("- ").append(line).append('\n'));
        return text.append("\n**").append(verdict()).append("**\n").toString();
    }

    private String pacing() {
        return String.format(Locale.ROOT, "Open loop: the latest send left %d ms after its due time (Liaison run) "
                + "and %d ms (ceiling run).", liaison.sending().maxLag().toMillis(),
                ceiling.sending().maxLag().toMillis());
    }

    private String cpuCaption() {
        return "Where the time went (" + cores + " cores shared by the server, PostgreSQL, the benchmark with its fake "
                + "Zendesk, and anything else running)";
    }

    private static List<String> routedRow(String path, RoutingRun.Result run) {
        RoutingOutcome outcome = run.outcome();
        return latencyRow(path, outcome.tickets(), run.sending().achievedPerSecond(), outcome.latency(),
                List.of(Long.toString(outcome.routed()), Long.toString(outcome.missing()),
                        Long.toString(outcome.duplicated()), Long.toString(outcome.wrong())),
                run.sending().errorCount());
    }

    private static List<String> latencyRow(String path, long tickets, double perSecond, LatencyStats latency,
                                           List<String> puts, long sendErrors) {
        List<String> row = new ArrayList<>(List.of(path, Long.toString(tickets), decimal(perSecond, 2),
                decimal(latency.p50Millis(), 2), decimal(latency.p90Millis(), 2), decimal(latency.p99Millis(), 2),
                decimal(latency.maxMillis(), 2)));
        row.addAll(puts);
        row.add(Long.toString(sendErrors));
        return row;
    }

    static String times(double value, double base) {
        return base <= 0 ? "-" : decimal(value / base, 1) + " x";
    }
}
