package dev.liaison.platform.work;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains a database work queue on the server's managed scheduler with up to a fixed number of workers.
 * {@link #nudge()} wakes an idle worker at once when new work was just committed, so the idle poll is only for work
 * that becomes due later (retries, a crash's leftovers), and one poll per interval serves every worker: the poll that
 * finds a due row calls the other workers in. Each idle poll is a transaction that competes with requests for the
 * CPU and the database, so the queue asks once, not once per worker. {@code attemptOne} handles one row and says
 * whether there was one, so that a worker keeps going while work is due.
 *
 * <p>Every started drainer keeps a heartbeat: the last time one of its attempts ended (with or without a row, or
 * with a failure) or its poll found a free worker. A drainer whose workers all hang in one attempt, or whose
 * scheduler stopped running it, stops beating; {@link #heartbeats()} lists them all for the liveness probe, so that
 * no owner has to expose its drainer.
 */
public final class Drainer {

    private static final Logger LOG = Logger.getLogger(Drainer.class.getName());
    private static final Set<Drainer> STARTED = ConcurrentHashMap.newKeySet();

    /** How long ago a started drainer last made progress, and how often it polls when idle. */
    public record Heartbeat(String name, Duration sinceProgress, Duration pollInterval) {
    }

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final int workers;
    private final Duration pollInterval;
    private final BooleanSupplier attemptOne;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private final AtomicBoolean lookAgain = new AtomicBoolean();
    private volatile long lastProgressNanos = System.nanoTime();
    private ScheduledFuture<?> poller;

    public Drainer(String name, ScheduledExecutorService scheduler, int workers, Duration pollInterval,
                   BooleanSupplier attemptOne) {
        this.name = name;
        this.scheduler = scheduler;
        this.workers = workers;
        this.pollInterval = pollInterval;
        this.attemptOne = attemptOne;
    }

    public synchronized void start() {
        if (running.compareAndSet(false, true)) {
            lastProgressNanos = System.nanoTime();
            STARTED.add(this);
            poller = scheduler.scheduleWithFixedDelay(() -> drain(true), 0, pollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        running.set(false);
        STARTED.remove(this);
        if (poller != null) {
            poller.cancel(false);
            poller = null;
        }
    }

    /** The heartbeats of every drainer started and not stopped in this deployment, by name. */
    public static List<Heartbeat> heartbeats() {
        long now = System.nanoTime();
        return STARTED.stream()
                .map(drainer -> new Heartbeat(drainer.name, Duration.ofNanos(now - drainer.lastProgressNanos),
                        drainer.pollInterval))
                .sorted(Comparator.comparing(Heartbeat::name))
                .toList();
    }

    public void nudge() {
        if (running.get() && busyWorkers.get() < workers) {
            scheduler.execute(() -> drain(false));
        }
    }

    /**
     * New work was committed: wakes a worker only when none is awake, and otherwise makes an awake worker look once
     * more before it sleeps. For a queue whose workers claim a whole lane at once, where a second worker woken for
     * every new row would mostly find that lane taken.
     */
    public void nudgeIfIdle() {
        if (!running.get()) {
            return;
        }
        lookAgain.set(true);
        if (busyWorkers.get() == 0) {
            scheduler.execute(() -> drain(false));
        }
    }

    private void drain(boolean polled) {
        if (busyWorkers.incrementAndGet() > workers) {
            busyWorkers.decrementAndGet();
            return;
        }
        lastProgressNanos = System.nanoTime();
        try {
            lookAgain.set(false);
            boolean more = running.get() && attempt();
            if (more && polled) {
                for (int i = 1; i < workers; i++) {
                    nudge();
                }
            }
            while (running.get() && (more || lookAgain.getAndSet(false))) {
                more = attempt();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The " + name + " could not be read; retrying at the next poll", e);
        } finally {
            busyWorkers.decrementAndGet();
        }
        // A nudgeIfIdle that saw this worker still busy after its last look: nobody else would answer it.
        if (running.get() && lookAgain.get()) {
            scheduler.execute(() -> drain(false));
        }
    }

    private boolean attempt() {
        try {
            return attemptOne.getAsBoolean();
        } finally {
            lastProgressNanos = System.nanoTime();
        }
    }
}
