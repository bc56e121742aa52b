package dev.liaison.platform.migration;

import dev.liaison.platform.connection.ConnectionNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V16: connection names become unique per workspace, ignoring case ({@code connection.name_key}, the key
 * {@link ConnectionNames#key} computes). Java rather than SQL because names that are already taken twice must not
 * fail the migration: within a workspace, the oldest connection (by creation time, then id) keeps its name and each
 * later one gets the first free {@code " (2)"}, {@code " (3)"}, ... suffix, its name cut to leave room for it. The
 * same rows give the same names on H2 and PostgreSQL, and the key is computed by the same Java code that the
 * application uses, so no database's {@code lower} can disagree with it. The column stays nullable in the schema (the
 * application always sets it; both databases let rows without a key past a unique index), so that rows written by
 * plain SQL, such as test fixtures and the benchmarks' loaders, need not know how a key is computed.
 */
final class UniqueConnectionNames implements JavaMigration {

    private static final Logger LOG = Logger.getLogger(UniqueConnectionNames.class.getName());

    private record Row(String id, String workspaceId, String name) {
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("16");
    }

    @Override
    public String getDescription() {
        return "unique connection names";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table connection add column name_key varchar(200)");
        }
        int renamed = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "update connection set name = ?, name_key = ? where id = ?")) {
            for (List<Row> workspace : byWorkspace(connection).values()) {
                renamed += keyed(workspace, update);
            }
            update.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create unique index ux_connection_name_key on connection (workspace_id, name_key)");
        }
        int count = renamed;
        LOG.info(() -> "Connection names are unique per workspace now; " + count + " duplicate(s) were renamed");
    }

    private static Map<String, List<Row>> byWorkspace(Connection connection) throws SQLException {
        Map<String, List<Row>> rows = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "select id, workspace_id, name from connection order by created_at, id")) {
            while (result.next()) {
                Row row = new Row(result.getString(1), result.getString(2), result.getString(3));
                rows.computeIfAbsent(row.workspaceId(), workspace -> new ArrayList<>()).add(row);
            }
        }
        return rows;
    }

    /** Queues the name and key of each row of one workspace, oldest first; returns how many were renamed. */
    private static int keyed(List<Row> rows, PreparedStatement update) throws SQLException {
        Set<String> original = new HashSet<>();
        rows.forEach(row -> original.add(ConnectionNames.key(row.name())));
        Set<String> taken = new HashSet<>();
        int renamed = 0;
        for (Row row : rows) {
            String name = row.name();
            if (!taken.add(ConnectionNames.key(name))) {
                name = free(row.name(), original, taken);
                taken.add(ConnectionNames.key(name));
                renamed++;
            }
            update.setString(1, name);
            update.setString(2, ConnectionNames.key(name));
            update.setString(3, row.id());
            update.addBatch();
        }
        return renamed;
    }

    /** The first suffixed name whose key neither an existing name nor an earlier renaming has. */
    static String free(String name, Set<String> original, Set<String> taken) {
        for (int n = 2; ; n++) {
            String suffix = " (" + n + ")";
            String base = name.trim();
            if (base.length() + suffix.length() > ConnectionNames.LIMIT) {
                base = base.substring(0, ConnectionNames.LIMIT - suffix.length());
            }
            String candidate = base + suffix;
            String key = ConnectionNames.key(candidate);
            if (!original.contains(key) && !taken.contains(key)) {
                return candidate;
            }
        }
    }
}
