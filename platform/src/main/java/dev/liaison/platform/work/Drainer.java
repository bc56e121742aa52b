package dev.liaison.platform.work;

import java.time.Duration;
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
 */
public final class Drainer {

    private static final Logger LOG = Logger.getLogger(Drainer.class.getName());

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final int workers;
    private final Duration pollInterval;
    private final BooleanSupplier attemptOne;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger busyWorkers = new AtomicInteger();
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
            poller = scheduler.scheduleWithFixedDelay(() -> drain(true), 0, pollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        running.set(false);
        if (poller != null) {
            poller.cancel(false);
            poller = null;
        }
    }

    public void nudge() {
        if (running.get() && busyWorkers.get() < workers) {
            scheduler.execute(() -> drain(false));
        }
    }

    private void drain(boolean polled) {
        if (busyWorkers.incrementAndGet() > workers) {
            busyWorkers.decrementAndGet();
            return;
        }
        try {
            boolean more = running.get() && attemptOne.getAsBoolean();
            if (more && polled) {
                for (int i = 1; i < workers; i++) {
                    nudge();
                }
            }
            while (running.get() && more) {
                more = attemptOne.getAsBoolean();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The " + name + " could not be read; retrying at the next poll", e);
        } finally {
            busyWorkers.decrementAndGet();
        }
    }
}
