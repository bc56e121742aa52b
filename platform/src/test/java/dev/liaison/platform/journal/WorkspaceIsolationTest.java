package dev.liaison.platform.journal;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static dev.liaison.platform.testing.TwoWorkspaces.TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxStatus;
import dev.liaison.platform.testing.TwoWorkspaces;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journal against two workspaces: an event is recorded in its inbox entry's, and each reads its own. */
class WorkspaceIsolationTest {

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final JournalStore journal = new JournalStore(workspaces.database());
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void eachWorkspaceReadsOnlyItsOwnConnectionsEvents() {
        String one = workspaces.connection(ONE);
        String two = workspaces.connection(TWO);
        InboxEntry fromOne = inboxEntry(ONE, one);
        InboxEntry fromTwo = inboxEntry(TWO, two);
        WorkspaceContext.run(TWO, () -> journal.recordAll(List.of(new JournalStore.Recorded(fromOne, 0,
                deleted(one, "c-1")), new JournalStore.Recorded(fromOne, 1, deleted(one, "c-2"))), now));
        journal.recordAll(List.of(new JournalStore.Recorded(fromTwo, 0, deleted(two, "c-3"))), now);
        assertThatThrownBy(() -> journal.recordAll(List.of(new JournalStore.Recorded(fromOne, 2, deleted(one, "c-4")),
                new JournalStore.Recorded(fromTwo, 1, deleted(two, "c-5"))), now))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(workspaces.rowsPerWorkspace("event_journal")).containsExactly(entry(ONE, 2L), entry(TWO, 1L));
        assertThat(WorkspaceContext.call(ONE, () -> journal.list(one, 10)))
                .extracting(JournalStore.JournalEntry::externalId).containsExactly("c-2", "c-1");
        assertThat(WorkspaceContext.call(ONE, () -> journal.count(one))).isEqualTo(2);
        assertThat(WorkspaceContext.call(TWO, () -> journal.list(one, 10))).isEmpty();
        assertThat(WorkspaceContext.call(TWO, () -> journal.count(one))).isZero();
        assertThat(WorkspaceContext.call(TWO, () -> journal.list(two, 10))).singleElement()
                .extracting(JournalStore.JournalEntry::externalId).isEqualTo("c-3");
        assertThatThrownBy(() -> journal.count(one)).isInstanceOf(IllegalStateException.class);
    }

    private InboxEntry inboxEntry(String workspace, String connectionId) {
        return new InboxEntry(workspaces.inboxEntry(workspace, connectionId), workspace, connectionId, "key", null,
                Map.of(), null, new byte[0], now, InboxStatus.DONE, 1, now, null, now, null);
    }

    private ContactDeleted deleted(String connectionId, String contactId) {
        return new ContactDeleted(new ExternalRef("webhook", connectionId, contactId), now);
    }
}
