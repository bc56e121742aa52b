package dev.liaison.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.consent.ConsentSettings;
import dev.liaison.scenario.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCatalogTest {

    private static final Path SHIPPED = Path.of("..", "config", "scenarios");

    @TempDir
    Path directory;

    private ScenarioStore store;
    private ScenarioCatalog catalog;

    @BeforeEach
    void setUp() {
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
        store = new ScenarioStore(TestDatabase.migrated());
        catalog = new ScenarioCatalog(store, new Purposes(), new MutableClock(Instant.parse("2026-11-23T10:00:00Z")));
    }

    @AfterEach
    void tearDown() {
        WorkspaceContext.clear();
    }

    @Test
    void importsTheScenarioFilesOfADirectoryOnceAndAChangedFileAsItsNextVersion() throws Exception {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path file : files.toList()) {
                Files.copy(file, directory.resolve(file.getFileName()));
            }
        }

        assertThat(catalog.importDirectory(directory)).extracting(ScenarioCatalog.Saved::name)
                .containsExactly("deal-won-points", "points-expiry-reminder", "post-ticket-csat",
                        "tier-upgrade-congratulation", "welcome-series");
        assertThat(catalog.importDirectory(directory)).as("unchanged files are not saved again").isEmpty();

        Path welcome = directory.resolve("welcome-series.yaml");
        Files.writeString(welcome, Files.readString(welcome, StandardCharsets.UTF_8).replace("P3D", "P5D"),
                StandardCharsets.UTF_8);
        assertThat(catalog.importDirectory(directory)).singleElement()
                .isEqualTo(new ScenarioCatalog.Saved("welcome-series", 2, true));
        assertThat(catalog.active()).hasSize(5);
        assertThat(catalog.active(TriggerType.DEAL_WON)).extracting(active -> active.scenario().name())
                .containsExactlyInAnyOrder("deal-won-points", "points-expiry-reminder");
    }

    @Test
    void uploadingTheNewestEnabledTextAgainAddsNoVersionButSwitchingBackOnDoes() throws Exception {
        String source = "scenario: again\ntrigger: {event: deal.won}\nsteps: [{award: {points: 1}}]\n";

        assertThat(catalog.save(source, "anna")).isEqualTo(new ScenarioCatalog.Upload(
                new ScenarioCatalog.Saved("again", 1, true), true));
        assertThat(catalog.save(source, "boris")).isEqualTo(new ScenarioCatalog.Upload(
                new ScenarioCatalog.Saved("again", 1, true), false));
        assertThat(catalog.save(source + "# changed\n", "anna").newVersion()).isTrue();

        catalog.disable(store.latest("again").orElseThrow(), "anna");
        assertThat(catalog.save(source + "# changed\n", "anna")).isEqualTo(new ScenarioCatalog.Upload(
                new ScenarioCatalog.Saved("again", 4, true), true));
        assertThat(store.versions("again")).extracting(ScenarioStore.Definition::createdBy)
                .containsExactly("anna", "anna", "anna", "anna");
    }

    @Test
    void anInvalidFileStopsTheImportWithItsNameAndLine() throws Exception {
        Files.writeString(directory.resolve("broken.yaml"), "scenario: broken\ntrigger: {event: deal.won}\n"
                + "steps:\n  - wait: soon\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> catalog.importDirectory(directory)).isInstanceOfSatisfying(ScenarioException.class,
                e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.reason()).startsWith("broken.yaml: ");
                });
        assertThat(store.latestDefinitions()).isEmpty();
    }

    @Test
    void aDisabledScenarioKeepsItsHistoryAndNoLongerRuns() throws Exception {
        catalog.save("scenario: s\ntrigger: {event: deal.won}\nsteps: [{award: {points: 1}}]\n", "admin");
        catalog.disable(store.latestDefinitions().get(0), "admin");

        assertThat(catalog.active()).isEmpty();
        assertThat(store.versions("s")).extracting(ScenarioStore.Definition::enabled).containsExactly(true, false);
        assertThat(store.versions("s").get(1).createdBy()).isEqualTo("admin");
    }

    @Test
    void aStoredVersionIsFoundByItsNumberAfterNewerOnes() throws Exception {
        catalog.save("scenario: s\ntrigger: {event: deal.won}\nsteps: [{award: {points: 1}}]\n", "admin");
        catalog.save("scenario: s\ntrigger: {event: deal.won}\nsteps: [{award: {points: 2}}]\n", "admin");

        assertThat(catalog.version("s", 1)).get().extracting(scenario -> ((Step.Award) scenario.steps().get(0)).points())
                .isEqualTo(1L);
        assertThat(catalog.version("s", 2)).get().extracting(scenario -> ((Step.Award) scenario.steps().get(0)).points())
                .isEqualTo(2L);
        assertThat(catalog.version("s", 3)).isEmpty();
        assertThat(WorkspaceContext.call("other", () -> catalog.version("s", 1))).as("another workspace's").isEmpty();
    }

    private static final class Purposes extends ConsentSettings {
        @Override
        public Set<String> purposes() {
            return Set.of("marketing_email", "service", "loyalty");
        }
    }
}
