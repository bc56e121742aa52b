package dev.liaison.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads the CPU time the operating system has charged to each party so far, to show where a run's time went
 * when all of them share one machine. A PostgreSQL backend that exits takes its time with it, so a measurement
 * must be read while its connections are still open.
 */
final class CpuMeter {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux counts /proc/stat in USER_HZ ticks, 100 a second on every mainstream kernel. */
    private static final Duration TICK = Duration.ofMillis(10);
    /** user, nice, system, (idle, iowait skipped), irq, softirq, steal: the busy columns of the "cpu" line. */
    private static final int[] BUSY_COLUMNS = {1, 2, 3, 6, 7, 8};

    private final Supplier<Stream<ProcessHandle>> serverProcesses;

    CpuMeter(Supplier<Stream<ProcessHandle>> serverProcesses) {
        this.serverProcesses = serverProcesses;
    }

    CpuTime now() {
        Duration server = total(serverProcesses.get());
        Duration database = total(ProcessHandle.allProcesses().filter(CpuMeter::isPostgres));
        Duration benchmark = total(Stream.of(ProcessHandle.current()));
        return new CpuTime(server, database, benchmark, machineBusy(server.plus(database).plus(benchmark)));
    }

    /** The postmaster by its executable, its backends by the title they give themselves ("postgres: ..."). */
    private static boolean isPostgres(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.command().map(command -> command.endsWith("/postgres")).orElse(false)
                || info.commandLine().map(line -> line.startsWith("postgres:")).orElse(false);
    }

    private static Duration total(Stream<ProcessHandle> processes) {
        return processes.map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Busy time of all processors; without /proc/stat (not Linux) only what the parties used is known. */
    private static Duration machineBusy(Duration ofTheParties) {
        if (!Files.isReadable(PROC_STAT)) {
            return ofTheParties;
        }
        try (Stream<String> lines = Files.lines(PROC_STAT)) {
            String[] columns = lines.filter(line -> line.startsWith("cpu ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("/proc/stat has no cpu line"))
                    .trim().split("\\s+");
            long ticks = Arrays.stream(BUSY_COLUMNS).mapToLong(column -> Long.parseLong(columns[column])).sum();
            return TICK.multipliedBy(ticks);
        } catch (IOException e) {
            throw new IllegalStateException("could not read /proc/stat", e);
        }
    }
}
