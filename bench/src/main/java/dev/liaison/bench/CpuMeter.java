package dev.liaison.bench;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads the CPU time the operating system has charged to each party so far, to show where a run's time went
 * when all three share one machine. A PostgreSQL backend that exits takes its time with it, so a measurement must
 * be read while its connections are still open.
 */
final class CpuMeter {

    private final Supplier<Stream<ProcessHandle>> serverProcesses;

    CpuMeter(Supplier<Stream<ProcessHandle>> serverProcesses) {
        this.serverProcesses = serverProcesses;
    }

    CpuTime now() {
        return new CpuTime(total(serverProcesses.get()), total(ProcessHandle.allProcesses().filter(CpuMeter::isPostgres)),
                total(Stream.of(ProcessHandle.current())));
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
}
