package dev.liaison.platform.metrics;

import dev.liaison.connector.api.RemoteCallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the connectors' outbound calls report, as metrics per connection: how often and how long calls waited for the
 * rate limit or an upstream's pause, and whether the circuit breaker is open. A connection shows up once it first
 * waited or its breaker first opened; until then nothing held its calls back.
 */
@ApplicationScoped
public class RemoteCallMetrics implements RemoteCallObserver {

    static final String WAITS = "liaison.remote.waits";
    static final String CIRCUIT_OPEN = "liaison.remote.circuit.open";
    static final String CIRCUIT_OPENED = "liaison.remote.circuit.opened";
    static final Map<String, String> HELP = Map.of(
            WAITS, "Time outbound calls waited before they went out, per connection and cause (rate-limit: the "
                    + "connection's token bucket; upstream-pause: Retry-After or a spent quota)",
            CIRCUIT_OPEN, "1 while the circuit breaker of the connection's outbound calls is open (calls are refused "
                    + "after repeated failures), else 0",
            CIRCUIT_OPENED, "How often the circuit breaker of the connection's outbound calls opened");

    private final Meters meters;
    private final Map<Tags, Timer> waits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> circuits = new ConcurrentHashMap<>();
    private final Map<String, Counter> openings = new ConcurrentHashMap<>();

    @Inject
    public RemoteCallMetrics(Meters meters) {
        this.meters = meters;
    }

    /** For the CDI client proxy only. */
    protected RemoteCallMetrics() {
        this(null);
    }

    @Override
    public void waited(String connectionId, WaitCause cause, Duration waited) {
        waits.computeIfAbsent(tags(connectionId, cause), key -> meters.timer(WAITS, HELP.get(WAITS), key))
                .record(waited);
    }

    @Override
    public void circuitChanged(String connectionId, boolean open) {
        circuit(connectionId).set(open ? 1 : 0);
        if (open) {
            openings.computeIfAbsent(connectionId, id -> meters.counter(CIRCUIT_OPENED, HELP.get(CIRCUIT_OPENED),
                    Tags.of("connection", id))).increment();
        }
    }

    /**
     * How often and how long {@code connectionId}'s calls waited on this node since it started, per cause; a cause
     * its calls never waited for is absent. For the connection's health in the admin API.
     */
    public Map<WaitCause, WaitTally> waits(String connectionId) {
        Map<WaitCause, WaitTally> tallies = new EnumMap<>(WaitCause.class);
        for (WaitCause cause : WaitCause.values()) {
            Timer timer = waits.get(tags(connectionId, cause));
            if (timer != null && timer.count() > 0) {
                tallies.put(cause, new WaitTally(timer.count(),
                        Duration.ofNanos((long) timer.totalTime(TimeUnit.NANOSECONDS))));
            }
        }
        return tallies;
    }

    /** How many calls waited and how long they waited in all. */
    public record WaitTally(long count, Duration total) {
    }

    private static Tags tags(String connectionId, WaitCause cause) {
        return Tags.of("connection", connectionId, "cause", cause.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private AtomicInteger circuit(String connectionId) {
        return circuits.computeIfAbsent(connectionId, id -> {
            AtomicInteger state = new AtomicInteger();
            meters.gauge(CIRCUIT_OPEN, HELP.get(CIRCUIT_OPEN), null, Tags.of("connection", id), state::get);
            return state;
        });
    }
}
