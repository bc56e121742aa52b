package dev.liaison.platform.registry;

import dev.liaison.connector.api.Connector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The connectors found as CDI beans, by kind. Adding a connector module to the EAR is all it takes to add a kind. */
@ApplicationScoped
public class ConnectorRegistry {

    private final Map<String, Connector> byKind;

    @Inject
    public ConnectorRegistry(Instance<Connector> connectors) {
        this.byKind = connectors == null ? Map.of() : connectors.stream()
                .collect(Collectors.toMap(Connector::kind, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Two connectors claim kind '" + a.kind() + "'");
                }, TreeMap::new));
    }

    /** For the CDI client proxy only. */
    protected ConnectorRegistry() {
        this(null);
    }

    public Optional<Connector> find(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public <T> Optional<T> find(String kind, Class<T> capability) {
        return find(kind).filter(capability::isInstance).map(capability::cast);
    }

    /** The connectors that implement {@code capability}, by kind, for requests that do not name their kind. */
    public <T> Map<String, T> implementing(Class<T> capability) {
        Map<String, T> found = new TreeMap<>();
        byKind.forEach((kind, connector) -> {
            if (capability.isInstance(connector)) {
                found.put(kind, capability.cast(connector));
            }
        });
        return found;
    }

    public Set<String> kinds() {
        return byKind.keySet();
    }
}
