package dev.liaison.bench;

import java.time.Duration;

/**
 * What the routing benchmark does on top of the settings every benchmark shares: how long it sends tickets at the
 * issue's rate, and how many it sends first to warm the server up.
 *
 * @param sending how long the measured run sends, before scaling; the number of tickets follows from the rate
 */
record RoutingBenchSettings(BenchSettings common, Duration sending) {

    /** The rate: "webhook-to-PUT latency p50/p99 at 20 tickets/s". */
    static final double TICKETS_PER_SECOND = 20;
    static final Duration DEFAULT_SENDING = Duration.ofSeconds(60);
    /** Ten seconds at the rate: enough for the JIT to compile the intake, processing and outbox paths. */
    private static final int WARM_UP_TICKETS = 200;

    RoutingBenchSettings {
        if (sending.isNegative() || sending.isZero()) {
            throw new IllegalArgumentException("liaison.bench.routing-seconds must be positive, was "
                    + sending.toSeconds());
        }
    }

    static RoutingBenchSettings fromSystemProperties() {
        return new RoutingBenchSettings(BenchSettings.fromSystemProperties(), Duration.ofSeconds(Long.parseLong(
                System.getProperty("liaison.bench.routing-seconds", Long.toString(DEFAULT_SENDING.toSeconds())))));
    }

    /** The measured run's tickets: the rate times the sending time, scaled, at least one. */
    int tickets() {
        return common.scaled((int) Math.round(TICKETS_PER_SECOND * sending.toNanos() / 1e9));
    }

    int warmUpTickets() {
        return common.scaled(WARM_UP_TICKETS);
    }

    OpenLoopSchedule schedule(int tickets) {
        return new OpenLoopSchedule(TICKETS_PER_SECOND, tickets);
    }
}
