package dev.liaison.connectors.support;

import dev.liaison.connector.api.RemoteSystemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls a SaaS API on behalf of one connection, politely: it waits for the connection's rate-limit bucket, honours
 * 429/503 with {@code Retry-After} and any pause a connector asks for (e.g. from Zendesk's
 * {@code X-Rate-Limit-Remaining}), retries 5xx and network failures with exponential backoff and jitter, gives up
 * through a per-connection circuit breaker, and bounds every call with a timeout.
 *
 * <p>Responses other than 429 and 5xx are returned as they are: what a 400 or 404 means is the connector's call.
 */
public class RemoteHttp {

    /** Waits; a seam so that tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** How hard to try: attempts per call, the longest single wait, the per-request timeout, breaker settings. */
    public record Policy(int maxAttempts, Duration maxWait, Duration requestTimeout, Duration backoffBase,
                         int breakerThreshold, Duration breakerOpenFor) {

        public static Policy defaults() {
            return new Policy(4, Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMillis(500), 5,
                    Duration.ofSeconds(30));
        }
    }

    private final HttpClient client;
    private final Policy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    public RemoteHttp(HttpClient client, Policy policy, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static RemoteHttp withDefaults() {
        return new RemoteHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                Policy.defaults(), Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    /** Holds every call of this connection back until {@code until}, e.g. when the upstream reports its quota spent. */
    public void pause(String connectionId, Instant until) {
        pausedUntil.merge(connectionId, until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }

    public HttpResponse<String> send(String connectionId, RateLimit limit, HttpRequest request)
            throws RemoteSystemException {
        return send(connectionId, limit, request, policy.maxAttempts());
    }

    /**
     * One attempt, for calls that must never reach the remote system twice: redeeming a single-use OAuth code or
     * refresh token. A failure is reported (retryable or not) and the caller decides, knowing what it spent.
     */
    public HttpResponse<String> sendOnce(String connectionId, RateLimit limit, HttpRequest request)
            throws RemoteSystemException {
        return send(connectionId, limit, request, 1);
    }

    private HttpResponse<String> send(String connectionId, RateLimit limit, HttpRequest request, int maxAttempts)
            throws RemoteSystemException {
        CircuitBreaker breaker = breakers.computeIfAbsent(connectionId,
                id -> new CircuitBreaker(policy.breakerThreshold(), policy.breakerOpenFor(), clock));
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(policy.requestTimeout()).build();
        String failure = "no attempt made";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Optional<Duration> open = breaker.blockedFor();
            if (open.isPresent()) {
                throw RemoteSystemException.retryable("circuit open for connection " + connectionId + " after "
                        + "repeated failures (" + failure + ")", open.get());
            }
            awaitPause(connectionId);
            acquire(connectionId, limit);
            Duration wait;
            try {
                HttpResponse<String> response = client.send(timed, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status != 429 && status < 500) {
                    breaker.succeeded();
                    return response;
                }
                // The host only: some APIs (Bitrix24 incoming webhooks) carry a secret in the path.
                failure = "HTTP " + status + " from " + request.method() + " " + request.uri().getHost();
                Optional<Duration> retryAfter = RetryAfter.parse(
                        response.headers().firstValue("Retry-After").orElse(null), clock.instant());
                if (rateLimited(response)) {
                    breaker.succeeded();
                } else {
                    breaker.failed();
                }
                Duration hinted = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
                if (attempt == maxAttempts || hinted.compareTo(policy.maxWait()) > 0) {
                    retryAfter.ifPresent(delay -> pause(connectionId, clock.instant().plus(delay)));
                    throw RemoteSystemException.retryable(failure, hinted);
                }
                if (retryAfter.isPresent()) {
                    pause(connectionId, clock.instant().plus(hinted));
                    wait = Duration.ZERO;
                } else {
                    wait = hinted;
                }
            } catch (HttpTimeoutException e) {
                breaker.failed();
                failure = "timeout after " + policy.requestTimeout().toMillis() + " ms";
                wait = backoff(attempt);
            } catch (IOException e) {
                breaker.failed();
                failure = "network failure: " + e.getClass().getSimpleName();
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteSystemException("interrupted", true, null, e);
            }
            if (attempt < maxAttempts && !wait.isZero()) {
                sleep(wait);
            }
        }
        throw RemoteSystemException.retryable(failure, null);
    }

    /**
     * A refusal for pace, not a failure: the upstream is up and answers, so it must not open the breaker. Most APIs
     * say so with 429; Bitrix24 says it with 503 {@code QUERY_LIMIT_EXCEEDED} (external-apis.md §1.4).
     */
    private static boolean rateLimited(HttpResponse<String> response) {
        return response.statusCode() == 429 || response.statusCode() == 503
                && response.body() != null && response.body().contains("\"QUERY_LIMIT_EXCEEDED\"");
    }

    private void acquire(String connectionId, RateLimit limit) throws RemoteSystemException {
        Bucket bucket = buckets.computeIfAbsent(connectionId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        // Tokens per hour, not per minute: rounding 9.5 a minute (Zendesk's export limit less the
                        // pacing margin) to 10 would lose the margin.
                        .refillGreedy(Math.max(1, Math.round(limit.perSecond() * 3600)), Duration.ofHours(1))
                        .build())
                .build());
        try {
            if (!bucket.asBlocking().tryConsume(1, policy.maxWait())) {
                throw RemoteSystemException.retryable("rate limit of connection " + connectionId
                        + " leaves no slot within " + policy.maxWait().toSeconds() + " s", policy.maxWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteSystemException("interrupted", true, null, e);
        }
    }

    private void awaitPause(String connectionId) throws RemoteSystemException {
        Instant until = pausedUntil.get(connectionId);
        if (until == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.isNegative() || wait.isZero()) {
            pausedUntil.remove(connectionId, until);
            return;
        }
        if (wait.compareTo(policy.maxWait()) > 0) {
            throw RemoteSystemException.retryable("connection " + connectionId + " is paused by the upstream", wait);
        }
        sleep(wait);
    }

    private Duration backoff(int attempt) {
        long capped = Math.min(policy.maxWait().toMillis(), policy.backoffBase().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void sleep(Duration duration) throws RemoteSystemException {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteSystemException("interrupted", true, null, e);
        }
    }
}
