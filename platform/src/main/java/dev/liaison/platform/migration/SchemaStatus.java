package dev.liaison.platform.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Where the database's schema stands against the migrations this build carries, read from Flyway's history table
 * in one query, cheap enough for a readiness probe. A node is ready for a schema at least as new as its own code
 * (during a rolling upgrade the old nodes keep serving a schema the new ones migrated, which is why every migration
 * must keep the previous release working) and with no failed migration.
 *
 * @param expected the newest migration this build carries
 * @param applied  the newest migration applied with success, null when none
 * @param failed   whether a migration failed and was left in the history
 */
public record SchemaStatus(MigrationVersion expected, MigrationVersion applied, boolean failed) {

    public boolean current() {
        return !failed && applied != null && applied.compareTo(expected) >= 0;
    }

    /** Reads the history table Flyway created (quoted lower-case names, on H2 as on PostgreSQL). */
    public static SchemaStatus read(Connection connection, MigrationVersion expected) throws SQLException {
        MigrationVersion newest = null;
        boolean failed = false;
        try (PreparedStatement select = connection.prepareStatement(
                "select \"version\", \"success\" from \"flyway_schema_history\" where \"version\" is not null");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    failed = true;
                    continue;
                }
                MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                if (newest == null || version.compareTo(newest) > 0) {
                    newest = version;
                }
            }
        }
        return new SchemaStatus(expected, newest, failed);
    }
}
