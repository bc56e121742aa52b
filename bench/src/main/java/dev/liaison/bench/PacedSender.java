package dev.liaison.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Sends an open-loop run: one thread starts each request when its schedule says, asynchronously, and never waits
 * for an answer before starting the next, so that a slow answer shows up as latency and not as a lower rate.
 * Each request is prepared (built and signed) before its due time, and its send time is taken just before it goes.
 */
final class PacedSender {

    /** Waited for at most this long after the last send, for the last answers. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    /** Lets the first request be prepared before it is due. */
    private static final Duration START_DELAY = Duration.ofMillis(20);

    /** One prepared request; the future completes when it was acknowledged, exceptionally when it was not. */
    @FunctionalInterface
    interface Request {
        CompletableFuture<?> send();
    }

    @FunctionalInterface
    interface Requests {
        Request prepare(int index);
    }

    /** A request that was acknowledged, with the {@link System#nanoTime()} it left at. */
    record Sent(int index, long sentAtNanos) {
    }

    /**
     * @param sent              the acknowledged requests, by index
     * @param errors            the others, counted by kind
     * @param acknowledged      send to acknowledgement, of the acknowledged ones
     * @param maxLag            the most a send left after its due time: how well the sender kept the schedule
     * @param achievedPerSecond the rate the sends actually left at
     */
    record Result(List<Sent> sent, Map<String, Long> errors, LatencyStats acknowledged, Duration maxLag,
                  double achievedPerSecond) {

        Result {
            sent = sent.stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).toList();
            errors = Map.copyOf(errors);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Result run(OpenLoopSchedule schedule, Requests requests) throws InterruptedException {
        Histogram acknowledged = LatencyStats.histogram();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        long start = System.nanoTime() + START_DELAY.toNanos();
        long maxLag = 0;
        long firstSentAt = 0;
        long lastSentAt = 0;
        for (int index = 0; index < schedule.count(); index++) {
            Request request = requests.prepare(index);
            long due = start + schedule.dueNanos(index);
            waitUntil(due);
            long sentAt = System.nanoTime();
            maxLag = Math.max(maxLag, sentAt - due);
            firstSentAt = index == 0 ? sentAt : firstSentAt;
            lastSentAt = sentAt;
            int sentIndex = index;
            answers.add(request.send().handle((ignored, failure) -> {
                long answeredAt = System.nanoTime();
                if (failure == null) {
                    synchronized (acknowledged) {
                        LatencyStats.record(acknowledged, answeredAt - sentAt);
                    }
                    sent.add(new Sent(sentIndex, sentAt));
                } else {
                    errors.merge(kind(failure), 1L, Long::sum);
                }
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("requests were still unanswered " + ANSWER_TIMEOUT.toSeconds()
                    + " s after the last send", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("recording an answer failed", e.getCause());
        }
        LatencyStats acknowledgedStats;
        synchronized (acknowledged) {
            acknowledgedStats = LatencyStats.of(acknowledged);
        }
        return new Result(List.copyOf(sent), errors, acknowledgedStats, Duration.ofNanos(maxLag),
                OpenLoopSchedule.achievedPerSecond(schedule.count(), firstSentAt, lastSentAt));
    }

    private static void waitUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** What went wrong, without the message of an exception that might quote a request. */
    static String kind(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RequestFailed ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
