package dev.liaison.web.intake;

import dev.liaison.profile.inbox.InboxEntry;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the inbox on the server's managed scheduler: a fixed number of workers poll for due entries, and a new
 * delivery nudges an idle worker so that it is processed at once rather than at the next poll. Workers on several
 * nodes share the inbox safely because claiming skips rows locked by another worker.
 */
@ApplicationScoped
public class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class.getName());

    private final InboxEntryProcessing processing;
    private final InboxSettings settings;
    private final ManagedScheduledExecutorService scheduler;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private final List<ScheduledFuture<?>> pollers = new ArrayList<>();

    @Inject
    public InboxProcessor(InboxEntryProcessing processing, InboxSettings settings,
                          ManagedScheduledExecutorService scheduler) {
        this.processing = processing;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    /** For the CDI client proxy only. */
    protected InboxProcessor() {
        this(null, null, null);
    }

    public synchronized void start() {
        if (!settings.processingEnabled()) {
            LOG.warning("Inbox processing is disabled (liaison.inbox.processing-enabled=false): webhooks are "
                    + "stored but not processed");
            return;
        }
        if (running.compareAndSet(false, true)) {
            long interval = settings.pollInterval().toMillis();
            for (int i = 0; i < settings.workers(); i++) {
                pollers.add(scheduler.scheduleWithFixedDelay(this::drain, 0, interval, TimeUnit.MILLISECONDS));
            }
        }
    }

    public synchronized void stop() {
        running.set(false);
        pollers.forEach(poller -> poller.cancel(false));
        pollers.clear();
    }

    /** A delivery was just stored: wake a worker unless all of them are already busy. */
    public void nudge() {
        if (running.get() && busyWorkers.get() < settings.workers()) {
            scheduler.execute(this::drain);
        }
    }

    private void drain() {
        if (busyWorkers.incrementAndGet() > settings.workers()) {
            busyWorkers.decrementAndGet();
            return;
        }
        try {
            boolean more = true;
            while (running.get() && more) {
                more = attemptOne();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The inbox could not be read; retrying at the next poll", e);
        } finally {
            busyWorkers.decrementAndGet();
        }
    }

    /** @return whether an entry was due, so that the caller keeps draining */
    private boolean attemptOne() {
        try {
            Optional<InboxEntry> attempted = processing.processNextDue();
            return attempted.isPresent();
        } catch (InboxEntryProcessing.AttemptFailed failure) {
            LOG.warning(() -> "Inbox entry " + failure.entry.id() + " of connection " + failure.entry.connectionId()
                    + " failed (attempt " + (failure.entry.attempts() + 1) + "): " + failure.getMessage());
            processing.recordFailure(failure);
            return true;
        }
    }
}
