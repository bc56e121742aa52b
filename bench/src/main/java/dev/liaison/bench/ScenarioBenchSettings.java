package dev.liaison.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one scenario benchmark run does, from system properties.
 *
 * @param configDir the repository's {@code config} directory: the shipped scenarios and loyalty program are read
 *                  from its {@code scenarios} folder, so the benchmark runs what a deployment runs
 * @param profiles  the profiles the measured run starts the scenario for, one start each; the warm-up takes
 *                  {@link #WARM_UP} more, so that no measured start finds a profile the warm-up already touched
 * @param threads   each with its own database connection, as the inbox's worker threads have
 * @param timeCap   the most one measured run may take, whatever its count
 */
record ScenarioBenchSettings(Path outputDir, Path configDir, int profiles, int threads, Duration timeCap) {

    static final int WARM_UP = 5_000;

    ScenarioBenchSettings {
        if (profiles < 1) {
            throw new IllegalArgumentException("liaison.bench.scenario.profiles must be positive, was " + profiles);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("liaison.bench.scenario.threads must be positive, was " + threads);
        }
    }

    static ScenarioBenchSettings fromSystemProperties() {
        return new ScenarioBenchSettings(
                Path.of(System.getProperty("liaison.bench.output-dir", "target")).toAbsolutePath(),
                Path.of(System.getProperty("liaison.bench.config-dir", "../config")).toAbsolutePath(),
                Integer.parseInt(System.getProperty("liaison.bench.scenario.profiles", "100000")),
                Integer.parseInt(System.getProperty("liaison.bench.scenario.threads", "4")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("liaison.bench.scenario.time-cap-seconds",
                        "600"))));
    }

    /** The warm-up's profiles come first, the measured run's after them. */
    int profilesToLoad() {
        return WARM_UP + profiles;
    }

    Path scenarioFile(String name) {
        return configDir.resolve("scenarios").resolve(name);
    }
}
