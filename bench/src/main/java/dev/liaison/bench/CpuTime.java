package dev.liaison.bench;

import java.time.Duration;

/**
 * CPU time used by each party sharing the machine: the application server, PostgreSQL and the load generator,
 * and by the machine as a whole, so that whatever else ran at the same time shows up too.
 */
record CpuTime(Duration server, Duration database, Duration benchmark, Duration machine) {

    static final CpuTime NONE = new CpuTime(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    CpuTime minus(CpuTime earlier) {
        return new CpuTime(server.minus(earlier.server), database.minus(earlier.database),
                benchmark.minus(earlier.benchmark), machine.minus(earlier.machine));
    }

    /** What processes outside the benchmark used; the two readings are not atomic, so never below zero. */
    Duration others() {
        Duration others = machine.minus(server).minus(database).minus(benchmark);
        return others.isNegative() ? Duration.ZERO : others;
    }
}
