package dev.liaison.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time the server JVM's JIT compiler threads have used so far. WildFly runs a large body of code, and on two
 * cores the C2 compiler is still busy for minutes after start: a latency measured while it competes for a core
 * says more about compilation than about the request. Benchmarks warm up until this stops growing.
 */
final class JitCompilerTime {

    private static final Duration TICK = Duration.ofMillis(10);
    /** utime and stime: fields 14 and 15 of /proc/[pid]/task/[tid]/stat, counted from after the command name. */
    private static final int UTIME_AFTER_COMMAND = 11;
    private static final int STIME_AFTER_COMMAND = 12;

    private JitCompilerTime() {
    }

    /** Zero where /proc is not there to read (not Linux): then a warm-up runs its minimum only. */
    static Duration of(Stream<ProcessHandle> processes) {
        return processes.map(process -> Path.of("/proc", Long.toString(process.pid()), "task"))
                .filter(Files::isDirectory)
                .map(JitCompilerTime::compilerThreads)
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration compilerThreads(Path tasks) {
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.filter(JitCompilerTime::isCompiler)
                    .map(JitCompilerTime::cpu)
                    .reduce(Duration.ZERO, Duration::plus);
        } catch (IOException processEnded) {
            return Duration.ZERO;
        }
    }

    private static boolean isCompiler(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).trim();
            return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
        } catch (IOException threadEnded) {
            return false;
        }
    }

    static Duration cpu(Path thread) {
        try {
            return fromStatLine(Files.readString(thread.resolve("stat")));
        } catch (IOException threadEnded) {
            return Duration.ZERO;
        }
    }

    /** The command name is in parentheses and may hold spaces, so fields are counted from its closing one. */
    static Duration fromStatLine(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[STIME_AFTER_COMMAND]);
        return TICK.multipliedBy(ticks);
    }
}
