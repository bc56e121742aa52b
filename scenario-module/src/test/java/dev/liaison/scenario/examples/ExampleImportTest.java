package dev.liaison.scenario.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.consent.ConsentSettings;
import dev.liaison.scenario.engine.ScenarioCatalog;
import dev.liaison.scenario.engine.ScenarioStore;
import dev.liaison.scenario.testing.MutableClock;
import dev.liaison.scenario.tickets.RoutingService;
import dev.liaison.scenario.tickets.RuleSetStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped examples: what each file is, and that importing one twice stores it once. */
class ExampleImportTest {

    private static final Path SHIPPED = Path.of("..", "config", "scenarios");

    private ScenarioStore scenarios;
    private ExampleImport examples;

    @BeforeEach
    void setUp() {
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
        TestDatabase database = TestDatabase.migrated();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        scenarios = new ScenarioStore(database);
        examples = new ExampleImport(new ScenarioCatalog(scenarios, new Purposes(), clock),
                new RoutingService(new RuleSetStore(database), null, null, null, clock, " "));
    }

    @AfterEach
    void tearDown() {
        WorkspaceContext.clear();
    }

    @Test
    void everyShippedFileButTheLoyaltyProgramIsAnExampleWithATitle() throws IOException {
        List<Example> shipped = shipped();

        assertThat(shipped).extracting(Example::name).containsExactly("deal-won-points", "points-expiry-reminder",
                "post-ticket-csat", "routing", "tier-upgrade-congratulation", "welcome-series");
        assertThat(shipped).filteredOn(example -> example.kind() == Example.Kind.ROUTING).extracting(Example::name)
                .containsExactly("routing");
        assertThat(shipped).allSatisfy(example -> assertThat(example.title()).doesNotStartWith("#").isNotBlank());
        assertThat(Example.of("loyalty", "tiers: []\n")).isEmpty();
    }

    @Test
    void importingAnExampleTwiceStoresItOnce() throws IOException {
        for (Example example : shipped()) {
            ExampleImport.Imported first = examples.importExample(example, "admin");
            ExampleImport.Imported again = examples.importExample(example, "admin");

            assertThat(first.newVersion()).as(example.name()).isTrue();
            assertThat(first.version()).isEqualTo(1);
            assertThat(again).isEqualTo(new ExampleImport.Imported(example.name(), example.kind(), first.name(), 1,
                    false));
        }
        assertThat(scenarios.versions("welcome-series")).singleElement()
                .extracting(ScenarioStore.Definition::createdBy).isEqualTo("admin");
    }

    private static List<Example> shipped() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            return files.sorted().map(file -> {
                String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                try {
                    return Example.of(name, Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).flatMap(Optional::stream).toList();
        }
    }

    private static final class Purposes extends ConsentSettings {

        @Override
        public Set<String> purposes() {
            return Set.of("marketing_email", "marketing_sms", "loyalty", "profiling", "service");
        }
    }
}
