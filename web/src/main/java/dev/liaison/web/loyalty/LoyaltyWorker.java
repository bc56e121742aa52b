package dev.liaison.web.loyalty;

import dev.liaison.platform.work.Drainer;
import dev.liaison.scenario.loyalty.LoyaltyService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Expires points past their period and recomputes tiers whose rolling window dropped points. The due work is read
 * from the database (lots by expiry date, accounts by review date), so nothing is lost over a restart, and every
 * node may run it: each profile is worked on under its account's row lock, skipped by the other nodes.
 */
@ApplicationScoped
public class LoyaltyWorker {

    private static final Logger LOG = Logger.getLogger(LoyaltyWorker.class.getName());

    private final LoyaltyService loyalty;
    private final boolean enabled;
    private final Drainer drainer;

    @Inject
    public LoyaltyWorker(LoyaltyService loyalty, ManagedScheduledExecutorService scheduler,
                         @ConfigProperty(name = "liaison.loyalty.worker.enabled", defaultValue = "true")
                         boolean enabled,
                         @ConfigProperty(name = "liaison.loyalty.worker.poll-interval", defaultValue = "PT1M")
                         Duration pollInterval) {
        this.loyalty = loyalty;
        this.enabled = enabled;
        this.drainer = scheduler == null ? null
                : new Drainer("loyalty expiry", scheduler, 1, pollInterval, this::attemptOne);
    }

    /** For the CDI client proxy only. */
    protected LoyaltyWorker() {
        this(null, null, false, null);
    }

    public void start() {
        if (enabled) {
            drainer.start();
        } else {
            LOG.warning("Loyalty expiry and tier reviews are disabled (liaison.loyalty.worker.enabled=false)");
        }
    }

    public void stop() {
        drainer.stop();
    }

    private boolean attemptOne() {
        return loyalty.expireNext() || loyalty.reviewNextTier();
    }
}
