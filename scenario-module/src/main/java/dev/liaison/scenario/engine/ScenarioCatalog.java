package dev.liaison.scenario.engine;

import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.consent.ConsentSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scenarios of each workspace: stored versions in, parsed definitions out. Parsed definitions are cached per
 * workspace and re-read when a version is added (on any node: the cache is keyed by the newest stored id), so
 * matching an event costs one small query, not a YAML parse. A stored version never changes, so each parsed version
 * is also kept by its number, for the runs that resume on it.
 */
@ApplicationScoped
public class ScenarioCatalog {

    private static final Logger LOG = Logger.getLogger(ScenarioCatalog.class.getName());
    private static final Pattern SCENARIO_FILE = Pattern.compile("(?m)^scenario\\s*:");

    /** A definition that runs, with the version its runs record. */
    public record Active(Scenario scenario, int version) {
    }

    /** What saving a definition did. */
    public record Saved(String name, int version, boolean enabled) {
    }

    /** An upload's outcome: the version that holds the text, and whether the upload added it. */
    public record Upload(Saved saved, boolean newVersion) {
    }

    private record Loaded(long newestId, List<Active> active) {
    }

    private record VersionKey(String workspace, String name, int version) {
    }

    /** More versions than any workspace keeps running: past it the cache starts again rather than grow. */
    private static final int VERSIONS_KEPT = 1_000;

    private final ScenarioStore store;
    private final ConsentSettings consent;
    private final Clock clock;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<VersionKey, Scenario> versions = new ConcurrentHashMap<>();

    @Inject
    public ScenarioCatalog(ScenarioStore store, ConsentSettings consent, Clock clock) {
        this.store = store;
        this.consent = consent;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected ScenarioCatalog() {
        this(null, null, null);
    }

    public ScenarioParser parser() {
        return new ScenarioParser(consent.purposes());
    }

    /** The enabled scenarios of the current workspace that start on {@code type}. */
    public List<Active> active(TriggerType type) {
        return current().stream().filter(active -> active.scenario().trigger() == type).toList();
    }

    public List<Active> active() {
        return current();
    }

    /**
     * One version of a scenario of the current workspace, parsed: what a run resumed after a wait goes on with. Empty
     * when the version is not stored or no longer validates.
     */
    public Optional<Scenario> version(String name, int version) {
        VersionKey key = new VersionKey(WorkspaceContext.current(), name, version);
        Scenario cached = versions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Scenario> parsed = store.definition(name, version).flatMap(stored -> {
            try {
                return Optional.of(parser().parse(stored.source()));
            } catch (ScenarioException e) {
                return Optional.empty();
            }
        });
        parsed.ifPresent(scenario -> keep(key, scenario));
        return parsed;
    }

    /**
     * Validates and stores a definition as the next, enabled version of its name, unless the newest version is that
     * very text and enabled: uploading the same file twice (an import, a retried request) is not a change, so it adds
     * no version and the history keeps saying when the scenario last really changed. The same text over a disabled
     * newest version is a new version, since it switches the scenario back on.
     */
    public Upload save(String source, String createdBy) throws ScenarioException {
        Scenario scenario = parser().parse(source);
        Optional<ScenarioStore.Definition> newest = store.latest(scenario.name());
        if (newest.isPresent() && newest.get().enabled() && newest.get().source().equals(source)) {
            return new Upload(new Saved(scenario.name(), newest.get().version(), true), false);
        }
        int version = store.saveDefinition(scenario.name(), true, source, createdBy, clock.instant());
        return new Upload(new Saved(scenario.name(), version, true), true);
    }

    /** Switches a scenario off with a version of its own, so the history shows who did it and when. */
    public Saved disable(ScenarioStore.Definition latest, String createdBy) {
        int version = store.saveDefinition(latest.name(), false, latest.source(), createdBy, clock.instant());
        return new Saved(latest.name(), version, false);
    }

    /**
     * Stores each scenario file of {@code directory} whose text differs from its name's newest version, in the
     * current workspace; other YAML files there (routing rules, the loyalty program) are left alone. A file that does
     * not validate stops the import with its name and line, like any other bad configuration.
     */
    public List<Saved> importDirectory(Path directory) throws IOException, ScenarioException {
        List<Saved> saved = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            if (!SCENARIO_FILE.matcher(source).find()) {
                continue;
            }
            Scenario scenario;
            try {
                scenario = parser().parse(source);
            } catch (ScenarioException e) {
                throw new ScenarioException(e.line(), file.getFileName() + ": " + e.reason());
            }
            boolean unchanged = store.latestDefinitions().stream()
                    .anyMatch(stored -> stored.name().equals(scenario.name()) && stored.source().equals(source));
            if (!unchanged) {
                saved.add(new Saved(scenario.name(),
                        store.saveDefinition(scenario.name(), true, source, "file " + file.getFileName(),
                                clock.instant()), true));
            }
        }
        return saved;
    }

    private List<Active> current() {
        String workspace = WorkspaceContext.current();
        long newest = store.newestDefinitionId();
        Loaded cached = loaded.get(workspace);
        if (cached != null && cached.newestId() == newest) {
            return cached.active();
        }
        List<Active> active = new ArrayList<>();
        ScenarioParser parser = parser();
        for (ScenarioStore.Definition definition : store.latestDefinitions()) {
            if (!definition.enabled()) {
                continue;
            }
            try {
                Scenario scenario = parser.parse(definition.source());
                active.add(new Active(scenario, definition.version()));
                keep(new VersionKey(workspace, definition.name(), definition.version()), scenario);
            } catch (ScenarioException e) {
                // Valid when stored; a purpose since removed from the configuration can make it invalid now.
                LOG.warning(() -> "Scenario '" + definition.name() + "' version " + definition.version()
                        + " no longer validates and does not run: " + e.getMessage());
            }
        }
        List<Active> snapshot = List.copyOf(active);
        loaded.put(workspace, new Loaded(newest, snapshot));
        return snapshot;
    }

    private void keep(VersionKey key, Scenario scenario) {
        if (versions.size() >= VERSIONS_KEPT) {
            versions.clear();
        }
        versions.put(key, scenario);
    }
}
