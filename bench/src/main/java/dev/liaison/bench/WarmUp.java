package dev.liaison.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Repeats a warm-up round until the server's JIT compiler is nearly idle, so that what is measured next is the
 * server's steady state, as a long-running server would serve it, and not a compiler competing for one of two
 * cores. A cap keeps a machine whose compiler never settles from warming up forever; the result says how it ended.
 */
final class WarmUp {

    /** Share of one core the compiler may still use during the last round. */
    static final double QUIET_COMPILER_SHARE = 0.05;

    @FunctionalInterface
    interface Round {
        void run() throws Exception;
    }

    /**
     * @param compilerShare the compiler's CPU time during the last round over that round's wall time
     */
    record Result(int rounds, double compilerShare, Duration elapsed) {

        boolean settled() {
            return compilerShare <= QUIET_COMPILER_SHARE;
        }

        String describe() {
            return String.format(Locale.ROOT, "%d warm-up round%s in %.0f s; the JIT compiler used %.1f %% of a core "
                            + "during the last%s", rounds, rounds == 1 ? "" : "s", elapsed.toMillis() / 1000.0,
                    100 * compilerShare, settled() ? "" : " (not settled within the cap)");
        }
    }

    private final Supplier<Stream<ProcessHandle>> server;
    private final Duration cap;

    WarmUp(Supplier<Stream<ProcessHandle>> server, Duration cap) {
        this.server = server;
        this.cap = cap;
    }

    Result run(Round round) throws Exception {
        long start = System.nanoTime();
        int rounds = 0;
        double share;
        do {
            Duration compilerBefore = JitCompilerTime.of(server.get());
            long roundStart = System.nanoTime();
            round.run();
            long roundNanos = System.nanoTime() - roundStart;
            share = (double) JitCompilerTime.of(server.get()).minus(compilerBefore).toNanos() / roundNanos;
            rounds++;
        } while (share > QUIET_COMPILER_SHARE && System.nanoTime() - start < cap.toNanos());
        Result result = new Result(rounds, share, Duration.ofNanos(System.nanoTime() - start));
        System.out.println(result.describe());
        return result;
    }
}
