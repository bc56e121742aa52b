package dev.liaison.platform.migration;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the newest version with Flyway; the same migrations run on H2 and PostgreSQL. Java migrations
 * are registered here by hand rather than found by scanning: the server's class loaders need not list classes.
 */
public final class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    private final DataSource dataSource;

    public DatabaseMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public MigrateResult migrate() {
        MigrateResult result = flyway().migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now)");
        return result;
    }

    /** The newest versioned migration on the classpath, applied or not: the schema this build's code expects. */
    public MigrationVersion newestCarried() {
        return Arrays.stream(flyway().info().all())
                .map(MigrationInfo::getVersion)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no migration found under db/migration"));
    }

    private Flyway flyway() {
        return Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new UniqueConnectionNames(), new PeopleSearchIndexes())
                .load();
    }
}
