package dev.liaison.connectors.support;

import dev.liaison.connector.api.ConnectionHealthReporter;
import dev.liaison.connector.api.RemoteCallObserver;
import dev.liaison.connector.api.RemoteSystemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Calls a vendor's MicroProfile REST Client interface on behalf of one connection, politely: it waits for the
 * connection's rate-limit bucket, honours 429/503 with {@code Retry-After} and any pause a connector asks for (e.g.
 * from Zendesk's {@code X-Rate-Limit-Remaining}), retries 5xx and network failures with exponential backoff and
 * jitter, gives up through a per-connection circuit breaker, and bounds every request with a timeout (the read and
 * connect timeouts of the clients {@link #client} builds).
 *
 * <p>Why our own seam and not MicroProfile Fault Tolerance's annotations: {@code @Retry}, {@code @CircuitBreaker}
 * and {@code @Timeout} keep their state per method, while a vendor's limits and outages are per connection (one
 * portal's outage must not open the breaker of the others, one account's quota must not slow another), the wait
 * comes from each answer's {@code Retry-After}, a pace refusal (429, Bitrix24's 503 {@code QUERY_LIMIT_EXCEEDED})
 * must not count as a failure, and a connector can pause a connection between calls. Fault Tolerance has no token
 * bucket either. So the state lives here, keyed by connection, and waits go through a {@link Sleeper} tests can
 * record instead of sleeping.
 *
 * <p>A call is a lambda over the interface, e.g. {@code calls.send(id, limit, () -> api.ticket(auth, 42))}; the
 * interfaces return {@code Response} so that statuses other than 429 and 5xx come back as they are: what a 400 or
 * 404 means is the connector's call.
 */
public class RemoteCalls implements AutoCloseable {

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

        /** As this policy, with one attempt per call. */
        public Policy singleAttempt() {
            return new Policy(1, maxWait, requestTimeout, backoffBase, breakerThreshold, breakerOpenFor);
        }
    }

    /** The longest wait for a TCP connection; a request's own timeout bounds it further. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** RESTEasy's switch for the default mapper that would turn every 4xx/5xx into an exception. */
    private static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

    private record ClientKey(Class<?> api, URI baseUri) {
    }

    /** A connection's bucket and the limit it was built for: a connection edited to another limit gets a new one. */
    private record LimitedBucket(RateLimit limit, Bucket bucket) {
    }

    private final Policy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<ClientKey, Object> clients = new ConcurrentHashMap<>();
    private final Map<String, LimitedBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private volatile RemoteCallObserver observer = RemoteCallObserver.NONE;

    public RemoteCalls(Policy policy, Clock clock, Sleeper sleeper) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static RemoteCalls withDefaults() {
        return with(Policy.defaults());
    }

    public static RemoteCalls with(Policy policy) {
        return new RemoteCalls(policy, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * The REST client of {@code api} at {@code baseUri}, with this policy's timeouts; built once per base URI and
     * kept, as each holds a connection pool.
     */
    public <T> T client(Class<T> api, URI baseUri) {
        return api.cast(clients.computeIfAbsent(new ClientKey(api, baseUri), key -> {
            long requestMillis = policy.requestTimeout().toMillis();
            return RestClientBuilder.newBuilder()
                    .baseUri(baseUri)
                    .connectTimeout(Math.min(requestMillis, CONNECT_TIMEOUT.toMillis()), TimeUnit.MILLISECONDS)
                    .readTimeout(requestMillis, TimeUnit.MILLISECONDS)
                    .property(DISABLE_DEFAULT_MAPPER, true)
                    .register(new RequestLine())
                    .build(api);
        }));
    }

    /** Closes the clients {@link #client} built, and their connection pools. */
    @Override
    public void close() {
        clients.values().forEach(client -> {
            try {
                ((AutoCloseable) client).close();
            } catch (Exception e) {
                // Closing only frees the pool; a client that fails to close has nothing left worth keeping.
            }
        });
        clients.clear();
    }

    /** From now on, waits and circuit changes are reported to {@code observer}. */
    public void observeWith(RemoteCallObserver observer) {
        this.observer = observer;
    }

    /** Holds every call of this connection back until {@code until}, e.g. when the upstream reports its quota spent. */
    public void pause(String connectionId, Instant until) {
        pausedUntil.merge(connectionId, until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }

    /**
     * The guards of {@code connectionId}'s calls as they stand now on this node: tokens left in its bucket, its
     * circuit and any pause the upstream asked for. Empty until the connection made its first call.
     */
    public Optional<ConnectionHealthReporter.CallGuards> guards(String connectionId) {
        LimitedBucket bucket = buckets.get(connectionId);
        if (bucket == null) {
            return Optional.empty();
        }
        CircuitBreaker breaker = breakers.get(connectionId);
        CircuitBreaker.State circuit = breaker == null
                ? new CircuitBreaker.State(ConnectionHealthReporter.Circuit.CLOSED, null) : breaker.state();
        Instant paused = pausedUntil.get(connectionId);
        return Optional.of(new ConnectionHealthReporter.CallGuards(bucket.limit().perSecond(), bucket.limit().burst(),
                bucket.bucket().getAvailableTokens(), circuit.circuit(), circuit.openUntil(),
                paused != null && paused.isAfter(clock.instant()) ? paused : null));
    }

    public Reply send(String connectionId, RateLimit limit, Supplier<Response> call) throws RemoteSystemException {
        return send(connectionId, limit, call, policy.maxAttempts());
    }

    /**
     * One attempt, for calls that must never reach the remote system twice: redeeming a single-use OAuth code or
     * refresh token. A failure is reported (retryable or not) and the caller decides, knowing what it spent.
     */
    public Reply sendOnce(String connectionId, RateLimit limit, Supplier<Response> call)
            throws RemoteSystemException {
        return send(connectionId, limit, call, 1);
    }

    private Reply send(String connectionId, RateLimit limit, Supplier<Response> call, int maxAttempts)
            throws RemoteSystemException {
        CircuitBreaker breaker = breakers.computeIfAbsent(connectionId,
                id -> new CircuitBreaker(policy.breakerThreshold(), policy.breakerOpenFor(), clock));
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
                Reply reply = read(call);
                int status = reply.status();
                if (status != 429 && status < 500) {
                    succeeded(connectionId, breaker);
                    return reply;
                }
                // The host only: some APIs (Bitrix24 incoming webhooks) carry a secret in the path.
                failure = "HTTP " + status + " from " + reply.method() + " " + reply.host();
                Optional<Duration> retryAfter = RetryAfter.parse(reply.header("Retry-After").orElse(null),
                        clock.instant());
                if (rateLimited(reply)) {
                    succeeded(connectionId, breaker);
                } else {
                    failed(connectionId, breaker);
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
            } catch (ProcessingException e) {
                failed(connectionId, breaker);
                failure = describe(e);
                wait = backoff(attempt);
            }
            if (attempt < maxAttempts && !wait.isZero()) {
                sleep(wait);
            }
        }
        throw RemoteSystemException.retryable(failure, null);
    }

    private void succeeded(String connectionId, CircuitBreaker breaker) {
        if (breaker.succeeded()) {
            observer.circuitChanged(connectionId, false);
        }
    }

    private void failed(String connectionId, CircuitBreaker breaker) {
        if (breaker.failed()) {
            observer.circuitChanged(connectionId, true);
        }
    }

    /** Reads the whole answer and closes it; the default mapper is off, but an interface may still throw one. */
    private static Reply read(Supplier<Response> call) {
        try (Response response = answer(call)) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            Map<String, List<String>> headers = response.getStringHeaders().entrySet().stream()
                    .filter(header -> !RequestLine.isOurs(header))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first));
            return new Reply(response.getStatus(), body == null ? "" : body, headers,
                    response.getHeaderString(RequestLine.METHOD), response.getHeaderString(RequestLine.HOST),
                    response.getHeaderString(RequestLine.PATH));
        }
    }

    private static Response answer(Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }

    /**
     * RESTEasy wraps the transport's exception; its class tells a timeout from another network failure. Said in
     * words, not class names: the description reaches the admin API (an inbox entry's last error), which names no
     * implementation.
     */
    private String describe(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return "timeout after " + policy.requestTimeout().toMillis() + " ms";
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "network failure: connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "network failure: unknown host";
            }
            if (cause instanceof SSLException) {
                return "network failure: TLS handshake or session failed";
            }
        }
        return "network failure: the connection failed or was closed";
    }

    /**
     * A refusal for pace, not a failure: the upstream is up and answers, so it must not open the breaker. Most APIs
     * say so with 429; Bitrix24 says it with 503 {@code QUERY_LIMIT_EXCEEDED} (external-apis.md §1.4).
     */
    private static boolean rateLimited(Reply reply) {
        return reply.status() == 429
                || reply.status() == 503 && reply.body().contains("\"QUERY_LIMIT_EXCEEDED\"");
    }

    private void acquire(String connectionId, RateLimit limit) throws RemoteSystemException {
        Bucket bucket = buckets.compute(connectionId, (id, current) -> current != null && current.limit().equals(limit)
                ? current : new LimitedBucket(limit, bucket(limit))).bucket();
        if (bucket.tryConsume(1)) {
            return;
        }
        long waitStarted = System.nanoTime();
        try {
            boolean consumed = bucket.asBlocking().tryConsume(1, policy.maxWait());
            observer.waited(connectionId, RemoteCallObserver.WaitCause.RATE_LIMIT,
                    Duration.ofNanos(System.nanoTime() - waitStarted));
            if (!consumed) {
                throw RemoteSystemException.retryable("rate limit of connection " + connectionId
                        + " leaves no slot within " + policy.maxWait().toSeconds() + " s", policy.maxWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteSystemException("interrupted", true, null, e);
        }
    }

    private static Bucket bucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        // Tokens per hour, not per minute: rounding 9.5 a minute (Zendesk's export limit less the
                        // pacing margin) to 10 would lose the margin.
                        .refillGreedy(Math.max(1, Math.round(limit.perSecond() * 3600)), Duration.ofHours(1))
                        .build())
                .build();
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
        observer.waited(connectionId, RemoteCallObserver.WaitCause.UPSTREAM_PAUSE, wait);
    }

    private Duration backoff(int attempt) {
        long doubled = policy.backoffBase().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(policy.maxWait().toMillis(), doubled);
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
