package dev.liaison.platform.journal;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.sql.WorkspaceJdbc;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the inbox processor handed on: one row per canonical event, keyed by its inbox entry and position so that
 * an event is never recorded twice. It holds event types and external ids only, no personal data. Reads are scoped
 * to the current workspace, and an event is recorded in its inbox entry's, both through {@link WorkspaceJdbc}.
 */
@ApplicationScoped
public class JournalStore {

    private final WorkspaceJdbc jdbc;

    @Inject
    public JournalStore(DataSource dataSource) {
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected JournalStore() {
        this(null);
    }

    public record JournalEntry(long id, long inboxEntryId, int seq, String eventType, String externalId,
                               Instant occurredAt, Instant recordedAt) {
    }

    /** One canonical event handed on: the {@code seq}-th of its inbox entry. */
    public record Recorded(InboxEntry source, int seq, CanonicalEvent event) {
    }

    /**
     * Records events of one workspace's entries in one JDBC batch, each in its entry's workspace (they share it:
     * a batch holds the entries of one connection).
     */
    public void recordAll(List<Recorded> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        WorkspaceContext.run(events.get(0).source().workspaceId(), () -> jdbc.batch("insert into event_journal "
                + "(workspace_id, connection_id, inbox_entry_id, seq, event_type, external_id, occurred_at, "
                + "recorded_at) values (:workspace, ?, ?, ?, ?, ?, ?, ?)", events.stream().map(recorded -> {
                    requireWorkspace(recorded, events.get(0).source().workspaceId());
                    return new Object[] {recorded.source().connectionId(), recorded.source().id(), recorded.seq(),
                        recorded.event().type(), recorded.event().ref().id(), recorded.event().occurredAt(), now};
                }).toList()));
    }

    private static void requireWorkspace(Recorded recorded, String workspaceId) {
        if (!recorded.source().workspaceId().equals(workspaceId)) {
            throw new IllegalArgumentException("events of several workspaces cannot be recorded together");
        }
    }

    /** The connection's newest entries first. */
    public List<JournalEntry> list(String connectionId, int limit) {
        return jdbc.query("select id, inbox_entry_id, seq, event_type, external_id, occurred_at, recorded_at "
                + "from event_journal where workspace_id = :workspace and connection_id = ? order by id desc "
                + "fetch first ? rows only", row -> new JournalEntry(row.getLong(1), row.getLong(2), row.getInt(3),
                row.getString(4), row.getString(5), row.getTimestamp(6).toInstant(), row.getTimestamp(7).toInstant()),
                connectionId, limit);
    }

    public long count(String connectionId) {
        return jdbc.query("select count(*) from event_journal where workspace_id = :workspace and connection_id = ?",
                row -> row.getLong(1), connectionId).get(0);
    }
}
