package dev.liaison.scenario.tickets;

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
 * The routing stores against two workspaces that use the same rule, agent and ticket names: each call sees and
 * changes its own workspace's rows only, even when it names the other's connection.
 */
class WorkspaceIsolationTest {

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final RuleSetStore rules = new RuleSetStore(workspaces.database());
    private final RoutingTraceStore traces = new RoutingTraceStore(workspaces.database());
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void ruleSetsAreVersionedPerWorkspace() {
        WorkspaceContext.run(ONE, () -> rules.save("one v1", now));
        WorkspaceContext.run(ONE, () -> rules.save("one v2", now));
        int two = in(TWO, () -> rules.save("two v1", now));

        assertThat(two).isEqualTo(1);
        assertThat(workspaces.rowsPerWorkspace("routing_ruleset")).containsExactly(entry(ONE, 2L), entry(TWO, 1L));
        assertThat(in(ONE, rules::active)).get().extracting(RuleSetStore.StoredRuleSet::source).isEqualTo("one v2");
        assertThat(in(TWO, rules::active)).get().extracting(RuleSetStore.StoredRuleSet::source).isEqualTo("two v1");
    }

    @Test
    void tracesAreCountedReadAndUpdatedInTheirOwnWorkspaceOnly() {
        String connectionOfOne = workspaces.connection(ONE);
        String connectionOfTwo = workspaces.connection(TWO);
        WorkspaceContext.run(ONE, () -> route(connectionOfOne, "t-1"));
        WorkspaceContext.run(TWO, () -> {
            route(connectionOfTwo, "t-1");
            route(connectionOfTwo, "t-2");
        });

        assertThat(workspaces.rowsPerWorkspace("routing_decision")).containsExactly(entry(ONE, 1L), entry(TWO, 2L));
        assertThat(in(ONE, () -> traces.routed(connectionOfTwo, "t-1"))).isFalse();
        assertThat(in(ONE, () -> traces.routedCount("vip"))).isEqualTo(1);
        assertThat(in(TWO, () -> traces.routedCount("vip"))).isEqualTo(2);
        assertThat(in(ONE, () -> traces.forTicket("t-1"))).singleElement()
                .extracting(RoutingTraceStore.Trace::connectionId).isEqualTo(connectionOfOne);

        WorkspaceContext.run(ONE, () -> traces.statusChanged(connectionOfTwo, "t-1", "solved"));
        WorkspaceContext.run(ONE, () -> traces.statusChanged(connectionOfOne, "t-1", "solved"));

        assertThat(in(ONE, () -> traces.openTickets("anna"))).isZero();
        assertThat(in(TWO, () -> traces.openTickets("anna"))).isEqualTo(2);
        assertThat(in(TWO, () -> traces.forTicket("t-1"))).singleElement()
                .extracting(RoutingTraceStore.Trace::ticketStatus).isEqualTo(RoutingTraceStore.OPEN);
    }

    @Test
    void aThreadBoundToNoWorkspaceIsRefused() {
        assertThatThrownBy(rules::active).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> traces.routedCount("vip")).isInstanceOf(IllegalStateException.class);
    }

    /** Records that rule "vip" gave the ticket to agent "anna", with the outbox action that carries it out. */
    private void route(String connectionId, String ticketId) {
        long outboxId = workspaces.outboxAction(WorkspaceContext.current(), connectionId);
        traces.record(connectionId, ticketId, "vip", "anna", "{}", outboxId, now);
    }

    private static <T> T in(String workspace, Supplier<T> work) {
        return WorkspaceContext.call(workspace, work);
    }
}
