package dev.liaison.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** What the server benchmarks print and write alike: a line per measured run, the report, and its opening sentence. */
final class BenchOutput {

    private BenchOutput() {
    }

    /** One run's line on the console, the run's name left-aligned in {@code labelWidth} characters. */
    static void progress(int labelWidth, String run, Measurement measurement) {
        String format = "%-" + labelWidth + "s c=%-3d %7d ok %5d errors %9.0f /s  p50 %7.2f ms  p99 %7.2f ms  %6.1f s%n";
        System.out.printf(Locale.ROOT, format, run, measurement.concurrency(), measurement.succeeded(), measurement.errorCount(),
                measurement.perSecond(), measurement.p50Millis(), measurement.p99Millis(),
                measurement.elapsed().toNanos() / 1e9);
    }

    /** Prints the plain report and writes the Markdown one to {@code file}. */
    static void report(String plain, Path file, String markdown) throws IOException {
        System.out.println();
        System.out.print(plain);
        Files.writeString(file, markdown);
        System.out.println("Report written to " + file);
    }

    /**
     * The Markdown report's opening sentence: when the run was, on how many cores, and what shared them with the
     * server and the database ({@code sharedWith}).
     */
    static String machine(String postgresVersion, String sharedWith) {
        return String.format(Locale.ROOT, "Run %s on %d cores shared by WildFly, PostgreSQL %s and %s; Java %s.",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                postgresVersion, sharedWith, Runtime.version());
    }
}
