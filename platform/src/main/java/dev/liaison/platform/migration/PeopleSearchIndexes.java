package dev.liaison.platform.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V20: the indexes the people list and its search ({@code GET /api/profiles}) page along, so that a page costs the
 * same at 1,000,000 profiles as at ten. The list walks {@code profile} newest first by {@code (created_at, id)}; the
 * search compares prefixes of identity values and of first and last names. Java rather than SQL because a prefix
 * ({@code like 'abc%'}) can use a B-tree index on PostgreSQL only with a pattern operator class, which H2 does not
 * know; H2, the embedded database, uses {@code uq_identity} for such a prefix and scans names. Names are indexed by
 * their first 100 characters, lower-cased: what the search compares, and short enough for any B-tree entry.
 */
final class PeopleSearchIndexes implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("20");
    }

    @Override
    public String getDescription() {
        return "people search indexes";
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
        boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index ix_profile_page on profile (workspace_id, created_at, id)");
            if (postgres) {
                statement.execute("create index ix_identity_prefix on profile_identity "
                        + "(workspace_id, kind, identity_value varchar_pattern_ops)");
                statement.execute("create index ix_attribute_name_prefix on profile_attribute "
                        + "(workspace_id, lower(left(attribute_value, 100)) text_pattern_ops) "
                        + "where name in ('firstName', 'lastName')");
            }
        }
    }
}
