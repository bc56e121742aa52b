package dev.liaison.scenario.tickets;

import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Versions of the current workspace's routing rules; the newest is the active one. Nothing is ever overwritten. */
@ApplicationScoped
public class RuleSetStore {

    /** One stored version of a workspace's rules, as the admin wrote them. */
    public record StoredRuleSet(int version, String source, Instant createdAt) {
    }

    private final DataSource dataSource;

    @Inject
    public RuleSetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected RuleSetStore() {
        this(null);
    }

    public int save(String source, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            int version = active(connection).map(StoredRuleSet::version).orElse(0) + 1;
            try (PreparedStatement insert = connection.prepareStatement("insert into routing_ruleset (workspace_id, "
                    + "version, source, created_at) values (?, ?, ?, ?)")) {
                insert.setString(1, WorkspaceContext.current());
                insert.setInt(2, version);
                insert.setString(3, source);
                insert.setTimestamp(4, Timestamp.from(now));
                insert.executeUpdate();
            }
            return version;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store routing rules", e);
        }
    }

    public Optional<StoredRuleSet> active() {
        try (Connection connection = dataSource.getConnection()) {
            return active(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read routing rules", e);
        }
    }

    private static Optional<StoredRuleSet> active(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select version, source, created_at from "
                + "routing_ruleset where workspace_id = ? order by version desc fetch first 1 rows only")) {
            select.setString(1, WorkspaceContext.current());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new StoredRuleSet(row.getInt(1), row.getString(2),
                        row.getTimestamp(3).toInstant())) : Optional.empty();
            }
        }
    }
}
