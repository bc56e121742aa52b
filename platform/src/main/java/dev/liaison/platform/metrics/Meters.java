package dev.liaison.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Registers meters, each with its help text (Prometheus's {@code # HELP} line), where the server exports them.
 * <p>
 * Why not simply the injected registry: in WildFly 39.0.1 the deployment's registry ({@code ApplicationRegistry})
 * forwards only {@code registry.counter(name, tags)} and its siblings to the server's registry; a meter built with
 * {@code Counter.builder(...)}, the only way to give it a description, stays in a private registry nobody scrapes
 * (WFLY-21061, fixed upstream by forwarding builder registrations). So on that registry the builders register on its
 * parent, the server's registry, with the deployment tag the application registry would have added: the meters are
 * exported with their help text, and the application registry still finds and removes them as its own. Any other
 * registry (a fixed WildFly, a unit test) takes the builders directly. Either way the meters go when the application
 * stops ({@link #removeRegistered()}): the server's registry outlives a deployment, and a gauge left behind would
 * keep reading the stopped deployment's objects and shadow the next deployment's gauge of the same name.
 */
@ApplicationScoped
public class Meters {

    private static final Logger LOG = Logger.getLogger(Meters.class.getName());
    private static final String WILDFLY_APPLICATION_REGISTRY =
            "org.wildfly.extension.micrometer.registry.ApplicationRegistry";
    private static final String DEPLOYMENT_TAG = "WF_DEPLOYMENT";

    private final MeterRegistry registry;
    private final Tags common;
    private final List<Meter> registered = new CopyOnWriteArrayList<>();

    /** Without the {@code micrometer} layer there is no registry to inject: meters then count for no one. */
    @Inject
    public Meters(Instance<MeterRegistry> registries) {
        this(registries.isResolvable() ? registries.get() : new SimpleMeterRegistry());
    }

    public Meters(MeterRegistry injected) {
        MeterRegistry target = injected;
        Tags tags = Tags.empty();
        if (injected != null && WILDFLY_APPLICATION_REGISTRY.equals(injected.getClass().getName())) {
            try {
                target = (MeterRegistry) read(injected, "parentRegistry");
                tags = Tags.of(DEPLOYMENT_TAG, (String) read(injected, "deploymentName"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warning(() -> "Liaison's metrics are registered without help text: the server's registry is "
                        + "out of reach (" + e + ")");
                target = injected;
                tags = Tags.empty();
            }
        }
        this.registry = target;
        this.common = tags;
    }

    /** For the CDI client proxy only. */
    protected Meters() {
        this.registry = null;
        this.common = null;
    }

    public Counter counter(String name, String description, Tags tags) {
        return kept(Counter.builder(name).description(description).tags(tags).tags(common).register(registry));
    }

    public Timer timer(String name, String description, Tags tags) {
        return kept(Timer.builder(name).description(description).tags(tags).tags(common).register(registry));
    }

    /** A gauge read at every scrape from {@code value}, which must be cheap: a field, not a query. */
    public void gauge(String name, String description, String baseUnit, Tags tags, Supplier<Number> value) {
        kept(Gauge.builder(name, value).description(description).baseUnit(baseUnit).tags(tags).tags(common)
                .strongReference(true).register(registry));
    }

    /** Removes every meter registered here from the registry; when the application stops. */
    @PreDestroy
    public void removeRegistered() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private <M extends Meter> M kept(M meter) {
        registered.add(meter);
        return meter;
    }

    private static Object read(Object registry, String fieldName) throws ReflectiveOperationException {
        Field field = registry.getClass().getDeclaredField(fieldName);
        field.setAccessible(true);
        return field.get(registry);
    }
}
