package dev.liaison.platform.audit;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static dev.liaison.platform.testing.TwoWorkspaces.TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.liaison.platform.testing.TwoWorkspaces;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The audit store against two workspaces: an event lands in the workspace it names, and each reads its own. */
class WorkspaceIsolationTest {

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final AuditStore audit = new AuditStore(workspaces.database());
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void eachWorkspaceReadsOnlyTheEventsRecordedInIt() {
        audit.record(event(ONE, "connection.create"));
        WorkspaceContext.run(TWO, () -> {
            audit.record(event(ONE, "access.refused"));
            audit.record(event(TWO, "consent.record"));
        });

        assertThat(workspaces.rowsPerWorkspace("audit_event")).containsExactly(entry(ONE, 2L), entry(TWO, 1L));
        assertThat(WorkspaceContext.call(TWO, () -> audit.recent(ONE, null, 10)))
                .extracting(AuditEvent::workspaceId, AuditEvent::action)
                .containsExactlyInAnyOrder(tuple(ONE, "connection.create"),
                        tuple(ONE, "access.refused"));
        assertThat(audit.recent(TWO, null, 10)).singleElement().extracting(AuditEvent::action)
                .isEqualTo("consent.record");
        assertThat(audit.recent(ONE, null, 1)).hasSize(1);
    }

    private AuditEvent event(String workspace, String action) {
        return new AuditEvent(workspace, now, "admin", action, null, AuditEvent.Outcome.SUCCEEDED, 200, null);
    }
}
