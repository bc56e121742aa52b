package dev.liaison.platform.processing;

import dev.liaison.platform.failure.Failures;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.trace.Correlation;
import dev.liaison.platform.work.Drainer;
import dev.liaison.platform.work.WorkQueueSettings;
import dev.liaison.platform.work.WorkQueues;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Drains the inbox: each attempt processes a batch of one connection's due entries in one transaction
 * ({@link InboxEntryProcessing}). Workers on several nodes share the inbox safely because claiming skips
 * connections another worker holds. A batch that fails as a whole is taken apart: its entries are processed one by
 * one, each in its own transaction, so that only the entry at fault fails.
 *
 * <p>A connection whose webhooks name records to fetch (Bitrix24, amoCRM) has its lane's records fetched first, with
 * the connector's batch reads and no transaction open ({@link LaneFetch}); only then are its entries claimed again
 * and processed from what was fetched. No database connection waits for a remote system or its rate limit. Two nodes
 * may fetch the same lane's records at once, which costs calls but never processes an entry twice: claiming the lane
 * again is what decides.
 */
@ApplicationScoped
public class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class.getName());

    private final InboxEntryProcessing processing;
    private final LaneFetch laneFetch;
    private final Set<String> lanesBeingFetched = ConcurrentHashMap.newKeySet();
    private final WorkQueues queues;
    private final WorkQueueSettings settings;
    private final Drainer drainer;
    private final PipelineMetrics metrics;

    @Inject
    public InboxProcessor(InboxEntryProcessing processing, LaneFetch laneFetch, WorkQueues queues,
                          ManagedScheduledExecutorService scheduler, PipelineMetrics metrics) {
        this.processing = processing;
        this.laneFetch = laneFetch;
        this.queues = queues;
        this.metrics = metrics;
        this.settings = queues == null ? null : queues.inbox();
        this.drainer = settings == null ? null
                : new Drainer("inbox", scheduler, settings.workers(), settings.pollInterval(), this::attemptBatch);
    }

    /** For the CDI client proxy only. */
    protected InboxProcessor() {
        this(null, null, null, null, null);
    }

    public void start() {
        if (!settings.enabled()) {
            LOG.warning("Inbox processing is disabled (liaison.inbox.processing-enabled=false): webhooks are "
                    + "stored but not processed");
            return;
        }
        drainer.start();
    }

    public void stop() {
        drainer.stop();
    }

    /**
     * Stops this node's workers until {@link #resume()}: deliveries are still accepted and wait in the inbox, and
     * other nodes go on processing. An attempt under way finishes first.
     */
    public void pause() {
        drainer.stop();
        LOG.warning("Inbox processing is paused on this node: webhooks are stored but not processed here");
    }

    /** Undoes {@link #pause()}; nothing happens when processing is disabled by configuration. */
    public void resume() {
        if (settings.enabled()) {
            drainer.start();
            LOG.info("Inbox processing resumed on this node");
        }
    }

    /**
     * A delivery was just stored: wake a worker unless one is awake, which then looks again before it sleeps. A
     * second worker would mostly find the delivery's connection held by the first; one that finds work wakes the
     * next for the other connections.
     */
    public void nudge() {
        drainer.nudgeIfIdle();
    }

    private boolean attemptBatch() {
        List<InboxEntry> claimed = new ArrayList<>();
        InboxEntryProcessing.BatchOutcome outcome;
        try {
            outcome = processing.processNextBatch(lanesBeingFetched, claimed::addAll);
        } catch (RuntimeException batchFailure) {
            return takeApart(claimed, batchFailure, null);
        }
        if (!outcome.toFetch().isEmpty()) {
            return attemptFetched(outcome.toFetch());
        }
        return finished(outcome);
    }

    /**
     * Fetches the records of a lane's due entries with no transaction open, then processes the entries. While this
     * worker waits for the remote system, the lane is passed over by this node's other workers, which are woken to
     * serve the other connections.
     */
    private boolean attemptFetched(List<InboxEntry> due) {
        String connectionId = due.get(0).connectionId();
        if (!lanesBeingFetched.add(connectionId)) {
            return true;
        }
        try {
            drainer.nudge();
            for (FetchedLane part : laneFetch.fetch(due).parts(queues.inboxBatchSize())) {
                List<InboxEntry> claimed = new ArrayList<>();
                try {
                    finished(processing.processFetched(part, claimed::addAll));
                } catch (RuntimeException batchFailure) {
                    takeApart(claimed, batchFailure, part);
                }
            }
            return true;
        } finally {
            lanesBeingFetched.remove(connectionId);
        }
    }

    private boolean finished(InboxEntryProcessing.BatchOutcome outcome) {
        outcome.processed().forEach(this::processed);
        outcome.failed().forEach(this::failed);
        if (outcome.claimedAny()) {
            drainer.nudge();
        }
        return outcome.claimedAny();
    }

    private boolean takeApart(List<InboxEntry> claimed, RuntimeException batchFailure, FetchedLane lane) {
        if (claimed.isEmpty()) {
            throw batchFailure;
        }
        LOG.warning(() -> "A batch of " + claimed.size() + " inbox entries of connection "
                + claimed.get(0).connectionId() + " failed as a whole (" + Failures.withoutValues(batchFailure)
                + "); processing its entries one by one");
        claimed.forEach(entry -> attemptAlone(entry, lane));
        return true;
    }

    private void attemptAlone(InboxEntry entry, FetchedLane lane) {
        try {
            processing.processAlone(entry.id(), lane).ifPresent(this::processed);
        } catch (InboxEntryProcessing.AttemptFailed failure) {
            failed(failure);
            processing.recordFailure(failure);
        } catch (RuntimeException failure) {
            InboxEntryProcessing.AttemptFailed atCommit = InboxEntryProcessing.failedAtCommit(entry, failure);
            failed(atCommit);
            processing.recordFailure(atCommit);
        }
    }

    private void processed(InboxEntry entry) {
        metrics.inboxEntryProcessed(entry.connectionId());
        LOG.fine(() -> Correlation.prefix(entry.requestId()) + "Inbox entry " + entry.id() + " of connection "
                + entry.connectionId() + " processed");
    }

    private void failed(InboxEntryProcessing.AttemptFailed failure) {
        metrics.inboxEntryFailed(failure.entry.connectionId());
        LOG.warning(() -> Correlation.prefix(failure.entry.requestId()) + "Inbox entry " + failure.entry.id()
                + " of connection " + failure.entry.connectionId()
                + " failed (attempt " + (failure.entry.attempts() + 1) + "): " + failure.getMessage());
    }
}
