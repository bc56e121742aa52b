package dev.liaison.bench;

/**
 * What the console benchmark does on top of the common settings: how many people it loads and how many pages of
 * each kind it measures.
 *
 * @param population people loaded before measuring; the goal is judged at one million only
 * @param pages      measured pages of each kind, after the warm-up
 */
record ConsoleBenchSettings(BenchSettings common, int population, int pages) {

    static final int GOAL_POPULATION = 1_000_000;
    /** The goal: every kind's server time p95 under this. */
    static final double GOAL_P95_MILLIS = 100;
    private static final int PAGES = 500;
    /** Pages of each kind per warm-up round. */
    private static final int WARM_UP_PAGES = 300;

    ConsoleBenchSettings {
        if (population < PersonDetailsLoader.TICKET_EVERY || population > Population.LARGEST) {
            throw new IllegalArgumentException("liaison.bench.profiles must be between "
                    + PersonDetailsLoader.TICKET_EVERY + " and " + Population.LARGEST + ", was " + population);
        }
    }

    static ConsoleBenchSettings fromSystemProperties() {
        BenchSettings common = BenchSettings.fromSystemProperties();
        return new ConsoleBenchSettings(common,
                Integer.parseInt(System.getProperty("liaison.bench.profiles", Integer.toString(GOAL_POPULATION))),
                common.scaled(PAGES));
    }

    int warmUpPages() {
        return common.scaled(WARM_UP_PAGES);
    }

    boolean judged() {
        return population == GOAL_POPULATION;
    }
}
