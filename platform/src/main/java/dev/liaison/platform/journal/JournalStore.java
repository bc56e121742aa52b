package dev.liaison.platform.journal;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the inbox processor handed on: one row per canonical event, keyed by its inbox entry and position so that
 * an event is never recorded twice. It holds event types and external ids only, no personal data.
 */
@ApplicationScoped
public class JournalStore {

    private final DataSource dataSource;

    @Inject
    public JournalStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected JournalStore() {
        this(null);
    }

    public record JournalEntry(long id, long inboxEntryId, int seq, String eventType, String externalId,
                               Instant occurredAt, Instant recordedAt) {
    }

    public void record(InboxEntry source, int seq, CanonicalEvent event, Instant now) {
        String sql = "insert into event_journal (workspace_id, connection_id, inbox_entry_id, seq, event_type, "
                + "external_id, occurred_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, source.workspaceId());
            insert.setString(2, source.connectionId());
            insert.setLong(3, source.id());
            insert.setInt(4, seq);
            insert.setString(5, event.type());
            insert.setString(6, event.ref().id());
            insert.setTimestamp(7, Timestamp.from(event.occurredAt()));
            insert.setTimestamp(8, Timestamp.from(now));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new InboxException("could not journal an event of inbox entry " + source.id(), e);
        }
    }

    public List<JournalEntry> list(String connectionId, int limit) {
        String sql = "select id, inbox_entry_id, seq, event_type, external_id, occurred_at, recorded_at "
                + "from event_journal where connection_id = ? order by id desc fetch first ? rows only";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, connectionId);
            select.setInt(2, limit);
            List<JournalEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new JournalEntry(rows.getLong(1), rows.getLong(2), rows.getInt(3), rows.getString(4),
                            rows.getString(5), rows.getTimestamp(6).toInstant(), rows.getTimestamp(7).toInstant()));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new InboxException("could not read the event journal", e);
        }
    }

    public long count(String connectionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from event_journal where connection_id = ?")) {
            select.setString(1, connectionId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new InboxException("could not count journal entries", e);
        }
    }
}
