package dev.liaison.platform.processing;

import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.trace.Correlation;
import dev.liaison.platform.work.Drainer;
import dev.liaison.platform.work.WorkQueueSettings;
import dev.liaison.platform.work.WorkQueues;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Drains the inbox: each attempt processes one due entry in its own transaction. Workers on several nodes share
 * the inbox safely because claiming skips rows locked by another worker.
 */
@ApplicationScoped
public class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class.getName());

    private final InboxEntryProcessing processing;
    private final WorkQueueSettings settings;
    private final Drainer drainer;
    private final PipelineMetrics metrics;

    @Inject
    public InboxProcessor(InboxEntryProcessing processing, WorkQueues queues,
                          ManagedScheduledExecutorService scheduler, PipelineMetrics metrics) {
        this.processing = processing;
        this.metrics = metrics;
        this.settings = queues == null ? null : queues.inbox();
        this.drainer = settings == null ? null
                : new Drainer("inbox", scheduler, settings.workers(), settings.pollInterval(), this::attemptOne);
    }

    /** For the CDI client proxy only. */
    protected InboxProcessor() {
        this(null, null, null, null);
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

    /** A delivery was just stored: wake a worker unless all of them are already busy. */
    public void nudge() {
        drainer.nudge();
    }

    private boolean attemptOne() {
        try {
            Optional<InboxEntry> processed = processing.processNextDue();
            processed.ifPresent(entry -> {
                metrics.inboxEntryProcessed(entry.connectionId());
                LOG.fine(() -> Correlation.prefix(entry.requestId()) + "Inbox entry " + entry.id() + " of connection "
                        + entry.connectionId() + " processed");
            });
            return processed.isPresent();
        } catch (InboxEntryProcessing.AttemptFailed failure) {
            metrics.inboxEntryFailed(failure.entry.connectionId());
            LOG.warning(() -> Correlation.prefix(failure.entry.requestId()) + "Inbox entry " + failure.entry.id()
                    + " of connection " + failure.entry.connectionId()
                    + " failed (attempt " + (failure.entry.attempts() + 1) + "): " + failure.getMessage());
            processing.recordFailure(failure);
            return true;
        }
    }
}
