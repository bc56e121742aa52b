package dev.liaison.scenario.examples;

import dev.liaison.scenario.engine.ScenarioCatalog;
import dev.liaison.scenario.tickets.RoutingService;
import dev.liaison.scenario.tickets.RuleSetStore;
import dev.liaison.scenario.yaml.InvalidFileException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Imports a shipped example into the current workspace, as an upload of the same file would: a scenario becomes the
 * next version of its name, routing rules the next rule set, and either adds nothing when the newest one already has
 * this text (importing twice is importing once).
 */
@ApplicationScoped
public class ExampleImport {

    /** What the import stored: the scenario's name (or {@code routing}), the version with the text, whether it is new. */
    public record Imported(String example, Example.Kind kind, String name, int version, boolean newVersion) {
    }

    private static final String ROUTING = "routing";

    private final ScenarioCatalog scenarios;
    private final RoutingService routing;

    @Inject
    public ExampleImport(ScenarioCatalog scenarios, RoutingService routing) {
        this.scenarios = scenarios;
        this.routing = routing;
    }

    /** For the CDI client proxy only. */
    protected ExampleImport() {
        this(null, null);
    }

    /** @throws IllegalStateException when a shipped file does not validate: a defect of the build, not of a request */
    @Transactional
    public Imported importExample(Example example, String importedBy) {
        try {
            if (example.kind() == Example.Kind.SCENARIO) {
                ScenarioCatalog.Upload upload = scenarios.save(example.source(), importedBy);
                return new Imported(example.name(), example.kind(), upload.saved().name(), upload.saved().version(),
                        upload.newVersion());
            }
            Optional<RuleSetStore.StoredRuleSet> active = routing.activeSource();
            if (active.isPresent() && active.get().source().equals(example.source())) {
                return new Imported(example.name(), example.kind(), ROUTING, active.get().version(), false);
            }
            return new Imported(example.name(), example.kind(), ROUTING, routing.replaceRules(example.source()), true);
        } catch (InvalidFileException e) {
            throw new IllegalStateException("shipped example " + example.name() + " does not validate: "
                    + e.getMessage(), e);
        }
    }
}
