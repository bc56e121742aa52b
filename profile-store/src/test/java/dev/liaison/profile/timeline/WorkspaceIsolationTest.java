package dev.liaison.profile.timeline;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static dev.liaison.platform.testing.TwoWorkspaces.TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.liaison.platform.testing.TwoWorkspaces;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The timeline against two workspaces that each hold a deal and a ticket with the same vendor ids: every read and
 * write reaches its caller's workspace's rows only, even given the other workspace's profile or connection.
 */
class WorkspaceIsolationTest {

    private static final Instant T1 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final TimelineStore store = new TimelineStore(workspaces.database());
    private final Map<String, String> connections = Map.of(ONE, workspaces.connection(ONE),
            TWO, workspaces.connection(TWO));
    private final Map<String, String> profiles = Map.of(ONE, workspaces.profile(ONE), TWO, workspaces.profile(TWO));

    @BeforeEach
    void eachWorkspaceHasADealAndATicket() {
        for (String workspace : List.of(ONE, TWO)) {
            WorkspaceContext.run(workspace, () -> {
                store.upsertDeals(List.of(new DealState(connections.get(workspace), "D1", profiles.get(workspace),
                        "webhook|c|42", null, null, "NEW", DealStatus.OPEN, null, null, null, T1, T1)), T1);
                store.upsertTickets(List.of(new TicketState(connections.get(workspace), "T1", profiles.get(workspace),
                        "Refund", "new", null, null, null, T1, T1)), T1);
            });
        }
    }

    @Test
    void writesLandInTheCallersWorkspace() {
        assertThat(workspaces.rowsPerWorkspace("timeline_deal")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(workspaces.rowsPerWorkspace("timeline_ticket")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
    }

    @Test
    void anotherWorkspacesProfileReadsAsEmpty() {
        assertThat(WorkspaceContext.call(ONE, () -> store.deals(List.of(profiles.get(ONE)), null, 20).items()))
                .singleElement().extracting(Deal::profileId).isEqualTo(profiles.get(ONE));
        assertThat(WorkspaceContext.call(TWO, () -> store.deals(List.of(profiles.get(ONE)), null, 20).items()))
                .isEmpty();
        assertThat(WorkspaceContext.call(TWO, () -> store.tickets(List.of(profiles.get(ONE)), null, 20).items()))
                .isEmpty();
        assertThat(WorkspaceContext.call(TWO, () -> store.allDeals(List.of(profiles.get(ONE)), List.of()))).isEmpty();
        assertThat(WorkspaceContext.call(TWO, () -> store.allTickets(List.of(profiles.get(ONE))))).isEmpty();
    }

    @Test
    void updatesClaimsAndErasureReachOnlyTheCallersRows() {
        String one = connections.get(ONE);
        assertThat(WorkspaceContext.call(TWO, () -> store.updateTicket(one, "T1", Map.of("status", "solved"), T2, T2)))
                .isFalse();
        WorkspaceContext.run(TWO, () -> store.upsertDeals(List.of(new DealState(one, "D1", profiles.get(TWO), null,
                null, null, "WON", DealStatus.WON, null, null, null, T2, T2)), T2));
        assertThat(WorkspaceContext.call(ONE, () -> store.deals(List.of(profiles.get(ONE)), null, 20).items()))
                .singleElement().extracting(Deal::stage).isEqualTo("NEW");
        assertThat(WorkspaceContext.call(TWO, () -> store.erase(List.of(profiles.get(ONE)), List.of("webhook|c|42"))))
                .isEqualTo(1);
        assertThat(workspaces.rowsPerWorkspace("timeline_deal")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(workspaces.rowsPerWorkspace("timeline_ticket")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(WorkspaceContext.call(ONE, () -> store.tickets(List.of(profiles.get(ONE)), null, 20).items()))
                .singleElement().extracting(Ticket::status).isEqualTo("new");
    }

    @Test
    void aThreadWithoutAWorkspaceIsRefused() {
        assertThatThrownBy(() -> store.deals(List.of(profiles.get(ONE)), null, 20))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.claimDeals("webhook|c|42", profiles.get(ONE)))
                .isInstanceOf(IllegalStateException.class);
    }
}
