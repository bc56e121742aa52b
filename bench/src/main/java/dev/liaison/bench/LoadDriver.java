package dev.liaison.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Sends a fixed number of requests from a fixed number of threads, each with its own client, as fast as the system
 * answers (closed loop), and records every request's latency. A run also stops at its time cap.
 */
final class LoadDriver {

    /** Latencies above a minute are recorded as a minute; a request times out well before. */
    private static final long HIGHEST_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(1);
    private static final int SIGNIFICANT_DIGITS = 3;
    /** How long past the time cap a worker may take to finish its last request. */
    private static final Duration STRAGGLER_GRACE = Duration.ofMinutes(1);

    private final Duration timeCap;
    private final CpuMeter cpu;
    /** Shared by every run, so that no two requests of the whole benchmark carry the same event id. */
    private final AtomicLong sequence = new AtomicLong();

    LoadDriver(Duration timeCap, CpuMeter cpu) {
        this.timeCap = timeCap;
        this.cpu = cpu;
    }

    private record WorkerResult(Histogram latencyMicros, Map<String, Long> errors, long finishedAt) {
    }

    Measurement run(int concurrency, int requests, LoadClient.Factory clients) throws Exception {
        List<LoadClient> opened = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        try {
            for (int i = 0; i < concurrency; i++) {
                opened.add(clients.open());
            }
            AtomicInteger unsent = new AtomicInteger(requests);
            CountDownLatch start = new CountDownLatch(1);
            long deadline = System.nanoTime() + timeCap.toNanos();
            List<Future<WorkerResult>> results = new ArrayList<>();
            for (LoadClient client : opened) {
                results.add(workers.submit(() -> work(client, unsent, start, deadline)));
            }
            CpuTime cpuBefore = cpu.now();
            long startedAt = System.nanoTime();
            start.countDown();

            Histogram latencyMicros = new Histogram(HIGHEST_LATENCY_MICROS, SIGNIFICANT_DIGITS);
            Map<String, Long> errors = new HashMap<>();
            long finishedAt = startedAt;
            long waitLimit = deadline + STRAGGLER_GRACE.toNanos();
            for (Future<WorkerResult> result : results) {
                WorkerResult worker = result.get(Math.max(1, waitLimit - System.nanoTime()), TimeUnit.NANOSECONDS);
                latencyMicros.add(worker.latencyMicros());
                worker.errors().forEach((kind, count) -> errors.merge(kind, count, Long::sum));
                finishedAt = Math.max(finishedAt, worker.finishedAt());
            }
            // Read before the clients close: a closed JDBC connection's backend takes its CPU time with it.
            CpuTime cpuUsed = cpu.now().minus(cpuBefore);
            return Measurement.of(concurrency, latencyMicros, errors, Duration.ofNanos(finishedAt - startedAt),
                    cpuUsed, unsent.get() > 0);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a worker was still busy " + STRAGGLER_GRACE.toSeconds()
                    + " s after the time cap", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker failed", e.getCause());
        } finally {
            workers.shutdownNow();
            for (LoadClient client : opened) {
                client.close();
            }
        }
    }

    private WorkerResult work(LoadClient client, AtomicInteger unsent, CountDownLatch start, long deadline)
            throws InterruptedException {
        Histogram latencyMicros = new Histogram(HIGHEST_LATENCY_MICROS, SIGNIFICANT_DIGITS);
        Map<String, Long> errors = new HashMap<>();
        start.await();
        while (System.nanoTime() < deadline && unsent.getAndDecrement() > 0) {
            long id = sequence.incrementAndGet();
            long sentAt = System.nanoTime();
            try {
                client.send(id);
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentAt);
                latencyMicros.recordValue(Math.min(micros, HIGHEST_LATENCY_MICROS));
            } catch (InterruptedException e) {
                throw e;
            } catch (RequestFailed e) {
                errors.merge(e.getMessage(), 1L, Long::sum);
            } catch (Exception e) {
                errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
            }
        }
        return new WorkerResult(latencyMicros, errors, System.nanoTime());
    }
}
