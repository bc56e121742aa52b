package dev.liaison.bench;

import java.time.Duration;

/** CPU time used by each party sharing the machine: the application server, PostgreSQL and the load generator. */
record CpuTime(Duration server, Duration database, Duration benchmark) {

    static final CpuTime NONE = new CpuTime(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    CpuTime minus(CpuTime earlier) {
        return new CpuTime(server.minus(earlier.server), database.minus(earlier.database),
                benchmark.minus(earlier.benchmark));
    }
}
