package dev.liaison.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * What one benchmark run does, from system properties so that the Maven profile and an IDE launch configure it the
 * same way. PostgreSQL is always the local one: the benchmark only ever talks to loopback addresses.
 *
 * @param serverHome  the PostgreSQL-provisioned WildFly with Liaison deployed
 * @param outputDir   where the server log and the markdown report go
 * @param scale       multiplies every request count, so that a smoke run can be short
 * @param levelTimeCap the most one measured run may take, whatever its request count
 */
record BenchSettings(Path serverHome, Path outputDir, double scale, Duration levelTimeCap) {

    static final String POSTGRES_HOST = "127.0.0.1";
    static final int POSTGRES_PORT = 5432;
    /** The embedded admin's password in the benchmark's own server and database; not a secret of any real install. */
    static final String ADMIN_PASSWORD = "bench-admin-password";

    /** The concurrency levels of the issue, each with enough requests for roughly ten seconds of intake. */
    private static final List<Level> LEVELS = List.of(new Level(1, 3_000), new Level(8, 15_000),
            new Level(32, 30_000));
    private static final int WARM_UP_REQUESTS = 5_000;
    private static final int WARM_UP_CONCURRENCY = 8;

    /** One measured concurrency level. */
    record Level(int concurrency, int requests) {
    }

    BenchSettings {
        if (scale <= 0) {
            throw new IllegalArgumentException("liaison.bench.scale must be positive, was " + scale);
        }
    }

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Path.of(System.getProperty("liaison.bench.server", "../ear/target/server")).toAbsolutePath(),
                Path.of(System.getProperty("liaison.bench.output-dir", "target")).toAbsolutePath(),
                Double.parseDouble(System.getProperty("liaison.bench.scale", "1")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("liaison.bench.time-cap-seconds", "120"))));
    }

    List<Level> levels() {
        return LEVELS.stream().map(level -> new Level(level.concurrency(), scaled(level.requests()))).toList();
    }

    Level warmUp() {
        return new Level(WARM_UP_CONCURRENCY, scaled(WARM_UP_REQUESTS));
    }

    /** A request count multiplied by the scale, at least one. */
    int scaled(int requests) {
        return Math.max(1, (int) Math.round(requests * scale));
    }

    /** HTTP Basic for the embedded admin, who may call every API the benchmarks use. */
    static String adminAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
