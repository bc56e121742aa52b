package dev.liaison.platform.processing;

import dev.liaison.platform.work.Drainer;
import dev.liaison.platform.work.WorkQueueSettings;
import dev.liaison.platform.work.WorkQueues;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    public InboxProcessor(InboxEntryProcessing processing, WorkQueues queues,
                          ManagedScheduledExecutorService scheduler) {
        this.processing = processing;
        this.settings = queues == null ? null : queues.inbox();
        this.drainer = settings == null ? null
                : new Drainer("inbox", scheduler, settings.workers(), settings.pollInterval(), this::attemptOne);
    }

    /** For the CDI client proxy only. */
    protected InboxProcessor() {
        this(null, null, null);
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

    /** A delivery was just stored: wake a worker unless all of them are already busy. */
    public void nudge() {
        drainer.nudge();
    }

    private boolean attemptOne() {
        try {
            return processing.processNextDue().isPresent();
        } catch (InboxEntryProcessing.AttemptFailed failure) {
            LOG.warning(() -> "Inbox entry " + failure.entry.id() + " of connection " + failure.entry.connectionId()
                    + " failed (attempt " + (failure.entry.attempts() + 1) + "): " + failure.getMessage());
            processing.recordFailure(failure);
            return true;
        }
    }
}
