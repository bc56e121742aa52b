package dev.liaison.profile.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Workspaces come into being when the identity provider first names them in a token; Liaison keeps a row for each
 * because every stored row refers to its workspace.
 */
@ApplicationScoped
public class WorkspaceDirectory {

    private final DataSource dataSource;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @Inject
    public WorkspaceDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected WorkspaceDirectory() {
        this(null);
    }

    public void ensureExists(String workspaceId, Instant now) {
        if (known.contains(workspaceId)) {
            return;
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
            throw new IllegalStateException("could not register workspace " + workspaceId, e);
        }
        known.add(workspaceId);
    }
}
