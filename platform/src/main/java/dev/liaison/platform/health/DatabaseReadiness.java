package dev.liaison.platform.health;

import dev.liaison.platform.migration.DatabaseMigration;
import dev.liaison.platform.migration.SchemaStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Ready when a pooled connection answers and the schema is migrated at least to the newest migration this build
 * carries. PostgreSQL is the only shared state, so a node that cannot reach it must take no webhooks: the load
 * balancer sends them to a node that can store them. The expected version is read once from the classpath; each
 * probe costs one query of Flyway's history table.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "liaison-database";
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;
    private final AtomicReference<MigrationVersion> expected = new AtomicReference<>();

    @Inject
    public DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected DatabaseReadiness() {
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_SECONDS)) {
                return response.down().withData("database", "no answer within " + VALIDATION_SECONDS + " s").build();
            }
            SchemaStatus schema = SchemaStatus.read(connection, expectedVersion());
            response.withData("database", "reachable")
                    .withData("schemaExpected", schema.expected().getVersion())
                    .withData("schemaApplied", schema.applied() == null ? "none" : schema.applied().getVersion());
            if (schema.failed()) {
                response.withData("failedMigration", true);
            }
            return response.status(schema.current()).build();
        } catch (SQLException | RuntimeException e) {
            // The exception's message can quote connection settings: its type says enough for a probe.
            return response.down().withData("database", "unreachable: " + e.getClass().getSimpleName()).build();
        }
    }

    private MigrationVersion expectedVersion() {
        MigrationVersion version = expected.get();
        if (version == null) {
            version = new DatabaseMigration(dataSource).newestCarried();
            expected.set(version);
        }
        return version;
    }
}
