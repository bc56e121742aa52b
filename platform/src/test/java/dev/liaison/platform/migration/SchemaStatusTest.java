package dev.liaison.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

class SchemaStatusTest {

    private final TestDatabase database = TestDatabase.migrated();

    @Test
    void aMigratedDatabaseIsAtTheNewestVersionThisBuildCarries() throws Exception {
        MigrationVersion newest = new DatabaseMigration(database).newestCarried();

        try (Connection connection = database.getConnection()) {
            SchemaStatus status = SchemaStatus.read(connection, newest);

            assertThat(status.applied()).isEqualTo(newest);
            assertThat(status.current()).isTrue();
        }
    }

    @Test
    void aNodeNewerThanTheSchemaIsNotReady() throws Exception {
        try (Connection connection = database.getConnection()) {
            assertThat(SchemaStatus.read(connection, MigrationVersion.fromVersion("9999")).current()).isFalse();
        }
    }

    @Test
    void aFailedMigrationInTheHistoryMakesTheSchemaNotCurrent() throws Exception {
        MigrationVersion newest = new DatabaseMigration(database).newestCarried();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update \"flyway_schema_history\" set \"success\" = false where \"version\" = '"
                    + newest.getVersion() + "'");

            SchemaStatus status = SchemaStatus.read(connection, newest);

            assertThat(status.failed()).isTrue();
            assertThat(status.current()).isFalse();
        }
    }
}
