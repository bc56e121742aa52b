package dev.liaison.web.scenario;

import dev.liaison.platform.work.Drainer;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.scenario.engine.ScenarioCatalog;
import dev.liaison.scenario.engine.ScenarioEngine;
import dev.liaison.scenario.engine.ScenarioException;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes scenario runs whose wait is over. The waits are rows (status WAITING, wake_at), so a restart loses none; any
 * node may poll, and each run is resumed under its row lock by one of them. Also imports the scenario files of
 * {@code liaison.scenarios.directory}, when set, into the default workspace at start.
 */
@ApplicationScoped
public class ScenarioWorker {

    private static final Logger LOG = Logger.getLogger(ScenarioWorker.class.getName());

    private final ScenarioEngine engine;
    private final ScenarioCatalog catalog;
    private final Optional<String> directory;
    private final Drainer drainer;

    @Inject
    public ScenarioWorker(ScenarioEngine engine, ScenarioCatalog catalog, ManagedScheduledExecutorService scheduler,
                          @ConfigProperty(name = "liaison.scenarios.directory") Optional<String> directory,
                          @ConfigProperty(name = "liaison.scenarios.worker.poll-interval", defaultValue = "PT5S")
                          Duration pollInterval) {
        this.engine = engine;
        this.catalog = catalog;
        this.directory = directory;
        this.drainer = scheduler == null ? null
                : new Drainer("scenario waits", scheduler, 1, pollInterval, engine::resumeNextDue);
    }

    /** For the CDI client proxy only. */
    protected ScenarioWorker() {
        this(null, null, null, Optional.empty(), null);
    }

    @Transactional
    public void importConfigured() {
        if (directory.isEmpty()) {
            return;
        }
        Path path = Path.of(directory.get());
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
        try {
            for (ScenarioCatalog.Saved saved : catalog.importDirectory(path)) {
                LOG.info(() -> "Scenario '" + saved.name() + "' version " + saved.version() + " imported from "
                        + path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the scenarios in " + path, e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("a scenario in " + path + " does not validate: " + e.getMessage());
        } finally {
            WorkspaceContext.clear();
        }
    }

    public void start() {
        drainer.start();
    }

    public void stop() {
        drainer.stop();
    }
}
