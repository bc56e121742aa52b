package dev.liaison.web.platform;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains a database work queue on the server's managed scheduler: a fixed number of workers poll for due rows,
 * and {@link #nudge()} wakes an idle worker at once when new work was just committed. {@code attemptOne} handles
 * one row and says whether there was one, so that a worker keeps going while work is due.
 */
public final class Drainer {

    private static final Logger LOG = Logger.getLogger(Drainer.class.getName());

    private final String name;
    private final ManagedScheduledExecutorService scheduler;
    private final int workers;
    private final Duration pollInterval;
    private final BooleanSupplier attemptOne;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger busyWorkers = new AtomicInteger();
    private final List<ScheduledFuture<?>> pollers = new ArrayList<>();

    public Drainer(String name, ManagedScheduledExecutorService scheduler, int workers, Duration pollInterval,
                   BooleanSupplier attemptOne) {
        this.name = name;
        this.scheduler = scheduler;
        this.workers = workers;
        this.pollInterval = pollInterval;
        this.attemptOne = attemptOne;
    }

    public synchronized void start() {
        if (running.compareAndSet(false, true)) {
            for (int i = 0; i < workers; i++) {
                pollers.add(scheduler.scheduleWithFixedDelay(this::drain, 0, pollInterval.toMillis(),
                        TimeUnit.MILLISECONDS));
            }
        }
    }

    public synchronized void stop() {
        running.set(false);
        pollers.forEach(poller -> poller.cancel(false));
        pollers.clear();
    }

    public void nudge() {
        if (running.get() && busyWorkers.get() < workers) {
            scheduler.execute(this::drain);
        }
    }

    private void drain() {
        if (busyWorkers.incrementAndGet() > workers) {
            busyWorkers.decrementAndGet();
            return;
        }
        try {
            boolean more = true;
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
