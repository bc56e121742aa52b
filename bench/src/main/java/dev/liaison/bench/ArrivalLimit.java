package dev.liaison.bench;

import java.time.Duration;

/**
 * A rate limit as a fake SaaS API enforces it: judged on the arrival time of each request, as the real service sees
 * it, not on when the client meant to send it.
 */
interface ArrivalLimit {

    /** @param arrivalNanos the request's arrival, on the {@link System#nanoTime()} scale, never decreasing */
    Verdict admit(long arrivalNanos);

    /** How many requests an idle limit admits at once. */
    int burst();

    /**
     * Whether a request may be served; a refused one is not counted against the limit.
     *
     * @param retryAfter for a refusal, the wait after which the same request would be admitted
     */
    record Verdict(boolean admitted, Duration retryAfter) {

        static final Verdict ADMITTED = new Verdict(true, Duration.ZERO);

        static Verdict refused(Duration retryAfter) {
            return new Verdict(false, retryAfter);
        }
    }
}
