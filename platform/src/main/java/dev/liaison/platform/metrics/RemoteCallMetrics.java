package dev.liaison.platform.metrics;

import dev.liaison.connector.api.RemoteCallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        Tags tags = Tags.of("connection", connectionId, "cause", cause.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        waits.computeIfAbsent(tags, key -> meters.timer(WAITS, HELP.get(WAITS), key)).record(waited);
    }

    @Override
    public void circuitChanged(String connectionId, boolean open) {
        circuit(connectionId).set(open ? 1 : 0);
        if (open) {
            openings.computeIfAbsent(connectionId, id -> meters.counter(CIRCUIT_OPENED, HELP.get(CIRCUIT_OPENED),
                    Tags.of("connection", id))).increment();
        }
    }

    private AtomicInteger circuit(String connectionId) {
        return circuits.computeIfAbsent(connectionId, id -> {
            AtomicInteger state = new AtomicInteger();
            meters.gauge(CIRCUIT_OPEN, HELP.get(CIRCUIT_OPEN), null, Tags.of("connection", id), state::get);
            return state;
        });
    }
}
