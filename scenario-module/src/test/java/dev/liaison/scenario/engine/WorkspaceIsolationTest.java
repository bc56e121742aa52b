package dev.liaison.scenario.engine;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static dev.liaison.platform.testing.TwoWorkspaces.TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.liaison.platform.testing.TwoWorkspaces;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The scenario store against two workspaces holding the same names and keys: each call sees and changes its own
 * workspace's rows only, even when it names another workspace's row by id. Only the due-run finders look at both.
 */
class WorkspaceIsolationTest {

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final ScenarioStore store = new ScenarioStore(workspaces.database());
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void definitionsAreVersionedPerWorkspace() {
        in(ONE, () -> store.saveDefinition("welcome", true, "one v1", "admin", now));
        in(ONE, () -> store.saveDefinition("welcome", false, "one v2", "admin", now));
        int two = in(TWO, () -> store.saveDefinition("welcome", true, "two v1", "admin", now));

        assertThat(two).isEqualTo(1);
        assertThat(workspaces.rowsPerWorkspace("scenario_definition")).containsExactly(entry(ONE, 2L), entry(TWO, 1L));
        assertThat(in(ONE, store::latestDefinitions)).singleElement().extracting(ScenarioStore.Definition::source)
                .isEqualTo("one v2");
        assertThat(in(TWO, store::latestDefinitions)).singleElement().extracting(ScenarioStore.Definition::source)
                .isEqualTo("two v1");
        assertThat(in(TWO, () -> store.versions("welcome"))).extracting(ScenarioStore.Definition::version)
                .containsExactly(1);
        long newestOfTwo = in(TWO, store::newestDefinitionId);
        in(ONE, () -> store.saveDefinition("welcome", true, "one v3", "admin", now));
        assertThat(in(TWO, store::newestDefinitionId)).isEqualTo(newestOfTwo);
    }

    @Test
    void runsFlagsAndTracesAreSeenAndChangedInTheirOwnWorkspaceOnly() {
        String personOfOne = workspaces.profile(ONE);
        String personOfTwo = workspaces.profile(TWO);
        long runOfOne = in(ONE, () -> startRun(personOfOne));
        long runOfTwo = in(TWO, () -> startRun(personOfTwo));

        assertThat(workspaces.rowsPerWorkspace("scenario_run")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(in(ONE, () -> store.findRun("welcome", "deal:1"))).get().extracting(ScenarioStore.Run::id)
                .isEqualTo(runOfOne);
        assertThat(in(ONE, () -> store.findRun(runOfTwo))).isEmpty();
        assertThat(in(ONE, () -> store.runsOf(personOfTwo))).isEmpty();
        assertThat(in(ONE, () -> store.flag("welcome", personOfTwo))).isEmpty();
        assertThat(in(ONE, () -> store.traces(personOfTwo))).isEmpty();
        assertThat(in(TWO, () -> store.flag("welcome", personOfTwo))).contains(runOfTwo);
        assertThat(in(TWO, () -> store.traces(personOfTwo))).singleElement()
                .extracting(ScenarioStore.TraceEntry::runId).isEqualTo(runOfTwo);

        WorkspaceContext.run(ONE, () -> store.updateRun(runOfTwo, RunStatus.FAILED, 9, null, now));
        WorkspaceContext.run(ONE, () -> store.updateRun(runOfOne, RunStatus.WAITING, 1, now, now));

        assertThat(in(TWO, () -> store.findRun(runOfTwo))).get().extracting(ScenarioStore.Run::status)
                .isEqualTo(RunStatus.RUNNING);
        assertThat(in(ONE, () -> store.findRun(runOfOne))).get().extracting(ScenarioStore.Run::status)
                .isEqualTo(RunStatus.WAITING);
    }

    @Test
    void theDueRunFindersLookAtEveryWorkspaceAndTheRunNamesItsOwn() {
        String personOfOne = workspaces.profile(ONE);
        String personOfTwo = workspaces.profile(TWO);
        long runOfOne = in(ONE, () -> startRun(personOfOne));
        long runOfTwo = in(TWO, () -> startRun(personOfTwo));
        WorkspaceContext.run(ONE, () -> store.updateRun(runOfOne, RunStatus.WAITING, 1, now, now));
        WorkspaceContext.run(TWO, () -> store.updateRun(runOfTwo, RunStatus.WAITING, 1, now, now));

        assertThat(store.dueRuns(now, 10)).containsExactlyInAnyOrder(runOfOne, runOfTwo);
        assertThat(store.lockDueRun(runOfTwo, now)).get().extracting(ScenarioStore.Run::workspaceId).isEqualTo(TWO);
    }

    @Test
    void aTicketIsRememberedForItsOwnWorkspace() {
        String connectionOfOne = workspaces.connection(ONE);
        String connectionOfTwo = workspaces.connection(TWO);
        String personOfOne = workspaces.profile(ONE);
        String personOfTwo = workspaces.profile(TWO);
        WorkspaceContext.run(ONE, () -> store.rememberTicket(connectionOfOne, "t-1", personOfOne, now));
        WorkspaceContext.run(TWO, () -> store.rememberTicket(connectionOfTwo, "t-1", personOfTwo, now));

        assertThat(workspaces.rowsPerWorkspace("scenario_ticket")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(in(ONE, () -> store.ticketProfile(connectionOfOne, "t-1"))).contains(personOfOne);
        assertThat(in(ONE, () -> store.ticketProfile(connectionOfTwo, "t-1"))).isEmpty();
        assertThat(in(TWO, () -> store.ticketProfile(connectionOfTwo, "t-1"))).contains(personOfTwo);
    }

    @Test
    void aThreadBoundToNoWorkspaceOrToAllIsRefused() {
        assertThatThrownBy(store::latestDefinitions).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in(WorkspaceContext.ALL, store::latestDefinitions))
                .isInstanceOf(IllegalStateException.class);
    }

    /** The same trigger key in both workspaces: a run, its once-per-profile flag and a trace line. */
    private long startRun(String profileId) {
        long runId = store.insertRun("welcome", 1, profileId, "deal:1", "deal.won", null, "1", "{}", now);
        store.setFlag("welcome", profileId, runId, now);
        store.trace(profileId, runId, "welcome", null, "trigger", "started", "version 1", now);
        return runId;
    }

    private static <T> T in(String workspace, Supplier<T> work) {
        return WorkspaceContext.call(workspace, work);
    }
}
