package dev.liaison.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which benchmarks a run of the {@code bench} profile runs: every execution starts its JVM, and a benchmark that
 * {@code liaison.bench.only} does not name returns at once, so that one of them can be run without the others.
 *
 * @param names the benchmark names asked for; empty means all of them
 */
record BenchSelection(Set<String> names) {

    BenchSelection {
        names = Set.copyOf(names);
    }

    /** @param only comma-separated names, blank or absent for all */
    static BenchSelection parse(String only) {
        if (only == null) {
            return new BenchSelection(Set.of());
        }
        return new BenchSelection(Arrays.stream(only.split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toSet()));
    }

    static BenchSelection fromSystemProperties() {
        return parse(System.getProperty("liaison.bench.only"));
    }

    boolean includes(String benchmark) {
        return names.isEmpty() || names.contains(benchmark);
    }

    /** For the main methods: says why nothing happens, so that a skipped benchmark is not mistaken for a failed one. */
    static boolean skips(String benchmark) {
        BenchSelection selection = fromSystemProperties();
        if (selection.includes(benchmark)) {
            return false;
        }
        System.out.println("Skipping the " + benchmark + " benchmark: liaison.bench.only=" + String.join(",",
                selection.names().stream().sorted().toList()));
        return true;
    }
}
