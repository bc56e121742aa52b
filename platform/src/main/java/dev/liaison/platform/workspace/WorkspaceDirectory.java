package dev.liaison.platform.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The workspaces an operator has registered. Every stored row refers to its workspace, and a caller may act only in
 * a registered one: a name in a request or a token never creates a workspace, so a forged or mistyped name cannot
 * open a new, unaudited space.
 */
@ApplicationScoped
public class WorkspaceDirectory {

    /** Lower-case letters, digits, '-' and '_', at most 64 characters: the {@code workspace.id} column. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final DataSource dataSource;
    /** Workspaces are never removed, so a workspace once found stays true; unknown names are asked again. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @Inject
    public WorkspaceDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected WorkspaceDirectory() {
        this(null);
    }

    /** Registers the workspace unless it exists; only the operator's configuration and tests call this. */
    public void register(String workspaceId, Instant now) {
        if (!ID.matcher(workspaceId).matches()) {
            throw new IllegalArgumentException("a workspace id has 1 to 64 lower-case letters, digits, '-' or '_'");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into workspace (id, name, created_at) "
                     + "select ?, ?, ? where not exists (select 1 from workspace where id = ?)")) {
            insert.setString(1, workspaceId);
            insert.setString(2, workspaceId);
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setString(4, workspaceId);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not register a workspace", e);
        }
        known.add(workspaceId);
    }

    /** Whether the operator registered this workspace; a name that could not be an id is not asked for. */
    public boolean exists(String workspaceId) {
        if (known.contains(workspaceId)) {
            return true;
        }
        if (!ID.matcher(workspaceId).matches()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select 1 from workspace where id = ?")) {
            select.setString(1, workspaceId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up a workspace", e);
        }
        known.add(workspaceId);
        return true;
    }
}
