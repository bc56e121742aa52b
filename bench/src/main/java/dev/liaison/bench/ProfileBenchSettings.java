package dev.liaison.bench;

import java.util.List;

/**
 * What the profile benchmark does on top of the settings it shares with the intake benchmark (server, output
 * directory, scale, time cap): how many people it loads, how many lookups it measures at which concurrency, and
 * how many events the upsert run sends.
 *
 * @param population people loaded before measuring; the goal is judged at one million only
 */
record ProfileBenchSettings(BenchSettings common, int population) {

    static final int GOAL_POPULATION = 1_000_000;

    /** Concurrency 1 is what the goal is about; 8 shows how lookups share the two cores. */
    private static final List<BenchSettings.Level> LOOKUP_LEVELS = List.of(new BenchSettings.Level(1, 5_000),
            new BenchSettings.Level(8, 20_000));
    private static final BenchSettings.Level WARM_UP = new BenchSettings.Level(8, 3_000);
    private static final int UPSERT_EVENTS = 20_000;
    /** Enough senders that intake keeps ahead of processing, so that processing is what is measured. */
    static final int UPSERT_SENDERS = 8;

    ProfileBenchSettings {
        if (population < 1 || (long) population + UPSERT_EVENTS > Population.LARGEST) {
            throw new IllegalArgumentException("liaison.bench.profiles must be between 1 and "
                    + (Population.LARGEST - UPSERT_EVENTS) + ", was " + population);
        }
    }

    static ProfileBenchSettings fromSystemProperties() {
        return new ProfileBenchSettings(BenchSettings.fromSystemProperties(),
                Integer.parseInt(System.getProperty("liaison.bench.profiles", Integer.toString(GOAL_POPULATION))));
    }

    List<BenchSettings.Level> lookupLevels() {
        return LOOKUP_LEVELS.stream()
                .map(level -> new BenchSettings.Level(level.concurrency(), common.scaled(level.requests())))
                .toList();
    }

    BenchSettings.Level warmUp() {
        return new BenchSettings.Level(WARM_UP.concurrency(), common.scaled(WARM_UP.requests()));
    }

    /** At least two, so that the run always holds an update and a new person; never more than are loaded. */
    int upsertEvents() {
        return Math.max(2, Math.min(common.scaled(UPSERT_EVENTS), 2 * population));
    }
}
