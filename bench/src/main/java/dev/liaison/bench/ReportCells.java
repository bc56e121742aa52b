package dev.liaison.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Cells both benchmarks' reports print the same way: decimals, CPU time per request, shares of the machine. */
final class ReportCells {

    static final List<String> CPU_HEADER = List.of("run", "concurrency", "wall s", "server CPU ms/req",
            "PostgreSQL CPU ms/req", "benchmark CPU ms/req", "other processes busy", "machine busy");

    private ReportCells() {
    }

    /**
     * One row under {@link #CPU_HEADER}: CPU milliseconds per request, by party, and how busy the machine was. On a
     * shared machine this shows which party is the bottleneck, and whether processes outside the benchmark took
     * part of the capacity.
     */
    static List<String> cpuRow(String run, Measurement measurement, int cores) {
        CpuTime cpu = measurement.cpu();
        long requests = measurement.succeeded() + measurement.errorCount();
        return List.of(run, Integer.toString(measurement.concurrency()), decimal(seconds(measurement.elapsed()), 1),
                perRequest(cpu.server(), requests), perRequest(cpu.database(), requests),
                perRequest(cpu.benchmark(), requests), percent(cpu.others(), measurement.elapsed(), cores),
                percent(cpu.machine(), measurement.elapsed(), cores));
    }

    static String perRequest(Duration cpu, long requests) {
        return requests == 0 ? "-" : decimal(cpu.toNanos() / 1e6 / requests, 3);
    }

    /** CPU time as a share of what all cores could have given over the wall-clock time. */
    static String percent(Duration cpu, Duration wall, int cores) {
        double capacitySeconds = seconds(wall) * cores;
        return capacitySeconds == 0 ? "-" : decimal(seconds(cpu) / capacitySeconds * 100, 0) + " %";
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
