package dev.liaison.platform.health;

import dev.liaison.platform.work.Drainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while every started background worker (inbox, outbox, scenario waits, loyalty expiry, data-subject requests)
 * makes progress: an attempt ended, or an idle poll ran, within {@code liaison.health.worker-stall-limit} (or three
 * poll intervals, when longer). A busy queue beats with every row, so only a worker hanging in one attempt, or a
 * scheduler that stopped, goes quiet; restarting the node is then the cure, and safe, because whatever it held is
 * released by its database transactions ending. A database that is down makes attempts fail, not hang, so it takes
 * the node out of rotation through readiness and does not get it restarted.
 */
@Liveness
@ApplicationScoped
public class WorkerLiveness implements HealthCheck {

    static final String NAME = "liaison-workers";
    private static final int POLLS_BEFORE_STALLED = 3;

    private final Duration stallLimit;

    @Inject
    public WorkerLiveness(@ConfigProperty(name = "liaison.health.worker-stall-limit", defaultValue = "PT5M")
                          Duration stallLimit) {
        this.stallLimit = stallLimit;
    }

    /** For the CDI client proxy only. */
    protected WorkerLiveness() {
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (Drainer.Heartbeat beat : Drainer.heartbeats()) {
            boolean stalled = stalled(beat);
            response.withData(beat.name(), (stalled ? "stalled, no progress for " : "progress ")
                    + beat.sinceProgress().toSeconds() + " s ago");
            if (stalled) {
                response.down();
            }
        }
        return response.build();
    }

    boolean stalled(Drainer.Heartbeat beat) {
        return beat.sinceProgress().compareTo(max(stallLimit, beat.pollInterval().multipliedBy(POLLS_BEFORE_STALLED)))
                > 0;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
