package dev.liaison.platform.outbox;

import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.privacy.PersonalDataMask;
import dev.liaison.platform.trace.Correlation;
import dev.liaison.platform.work.Drainer;
import dev.liaison.platform.work.WorkQueueSettings;
import dev.liaison.platform.work.WorkQueues;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Carries out outbox actions in the background; retries with backoff and Retry-After, dead after the last attempt.
 * What an action's type means is its {@link OutboxActionHandler}'s business; the executor claims, dispatches by type
 * and records.
 */
@ApplicationScoped
public class OutboxExecutor {

    private static final Logger LOG = Logger.getLogger(OutboxExecutor.class.getName());

    private final OutboxAttempt attempt;
    private final WorkQueueSettings settings;
    private final Drainer drainer;
    private final PipelineMetrics metrics;

    @Inject
    public OutboxExecutor(OutboxAttempt attempt, WorkQueues queues, ManagedScheduledExecutorService scheduler,
                          PipelineMetrics metrics) {
        this.attempt = attempt;
        this.metrics = metrics;
        this.settings = queues == null ? null : queues.outbox();
        this.drainer = settings == null ? null
                : new Drainer("outbox", scheduler, settings.workers(), settings.pollInterval(), this::attemptOne);
    }

    /** For the CDI client proxy only. */
    protected OutboxExecutor() {
        this(null, null, null, null);
    }

    /**
     * This node's name in {@code claimed_by}: WildFly's node name, stable across restarts of the same node. A
     * handler commits an action as SENDING under it, so that the node's next start finds what it left in flight.
     */
    public static String nodeName() {
        return System.getProperty("jboss.node.name", "liaison");
    }

    public void start() {
        if (settings.enabled()) {
            int released = attempt.releaseOwnSending();
            if (released > 0) {
                LOG.info(() -> released + " message(s) this node was sending when it stopped are resolved now");
            }
            drainer.start();
        } else {
            LOG.warning("The outbox is disabled (liaison.outbox.enabled=false): decided actions wait");
        }
    }

    public void stop() {
        drainer.stop();
    }

    void onAdded(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxActionAdded added) {
        drainer.nudge();
    }

    private boolean attemptOne() {
        try {
            Optional<Claimed> claimed = attempt.executeNextDue();
            if (claimed.isEmpty()) {
                claimed = attempt.recoverNextStale();
            }
            if (claimed.isPresent() && claimed.get() instanceof Claimed.ToCall toCall) {
                attempt.settle(toCall.call().call());
            }
            claimed.ifPresent(this::done);
            return claimed.isPresent();
        } catch (ActionFailed failure) {
            metrics.outboxActionFailed(failure.action.connectionId(), failure.action.type());
            LOG.warning(() -> Correlation.prefix(failure.action.requestId()) + "Outbox action " + failure.action.id()
                    + " (" + failure.action.type() + ") of connection " + failure.action.connectionId()
                    + " failed (attempt " + (failure.action.attempts() + 1) + "): "
                    + PersonalDataMask.scrub(failure.getMessage()));
            attempt.recordFailure(failure);
            return true;
        }
    }

    private void done(Claimed claimed) {
        OutboxAction action = claimed.action();
        metrics.outboxActionDone(action.connectionId(), action.type());
        LOG.fine(() -> Correlation.prefix(action.requestId()) + "Outbox action " + action.id() + " (" + action.type()
                + ") of connection " + action.connectionId() + " carried out");
    }
}
