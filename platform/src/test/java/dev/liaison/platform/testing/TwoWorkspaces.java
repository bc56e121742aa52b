package dev.liaison.platform.testing;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.workspace.WorkspaceDirectory;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A migrated {@link TestDatabase} with two registered workspaces, {@value #ONE} and {@value #TWO}, and the rows that
 * other tables refer to, for tests that show a store reads and writes only its caller's workspace's rows. Rows are
 * set up and looked at here with plain SQL, past the stores under test.
 */
public final class TwoWorkspaces {

    public static final String ONE = "one";
    public static final String TWO = "two";

    private final TestDatabase database = TestDatabase.migrated();
    private final Jdbc jdbc = new Jdbc(database);

    public TwoWorkspaces() {
        WorkspaceDirectory directory = new WorkspaceDirectory(database);
        directory.register(ONE, Instant.EPOCH);
        directory.register(TWO, Instant.EPOCH);
    }

    public TestDatabase database() {
        return database;
    }

    /** Adds an active profile to the workspace and returns its id. */
    public String profile(String workspace) {
        String id = UUID.randomUUID().toString();
        sql("insert into profile (id, workspace_id, status, created_at, updated_at, version) "
                + "values (?, ?, 'ACTIVE', current_timestamp, current_timestamp, 0)", id, workspace);
        return id;
    }

    /** Adds an active connection to the workspace and returns its id. */
    public String connection(String workspace) {
        String id = UUID.randomUUID().toString();
        sql("insert into connection (id, workspace_id, kind, name, settings, status, created_at, version) "
                + "values (?, ?, 'webhook', ?, 'x', 'ACTIVE', current_timestamp, 0)", id, workspace, "c-" + id);
        return id;
    }

    /** Adds a processed inbox entry of the connection and returns its id. */
    public long inboxEntry(String workspace, String connectionId) {
        return jdbc.insert("insert into inbox_entry (workspace_id, connection_id, dedup_key, headers, body, "
                + "received_at, status, attempts, next_attempt_at) values (?, ?, ?, '{}', ?, current_timestamp, "
                + "'DONE', 1, current_timestamp)", workspace, connectionId, UUID.randomUUID().toString(), new byte[0]);
    }

    /** Adds a pending outbox action of the connection and returns its id. */
    public long outboxAction(String workspace, String connectionId) {
        return jdbc.insert("insert into outbox_action (workspace_id, connection_id, idempotency_key, action_type, "
                + "payload, status, attempts, next_attempt_at, created_at) values (?, ?, ?, 'ROUTE_TICKET', '{}', "
                + "'PENDING', 0, current_timestamp, current_timestamp)", workspace, connectionId,
                UUID.randomUUID().toString());
    }

    public void sql(String sql, Object... parameters) {
        jdbc.update(sql, parameters);
    }

    /** How many rows of {@code table} each workspace holds, by workspace id. */
    public Map<String, Long> rowsPerWorkspace(String table) {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.query("select workspace_id, count(*) from " + table + " group by workspace_id",
                row -> rows.put(row.getString(1), row.getLong(2)));
        return rows;
    }
}
