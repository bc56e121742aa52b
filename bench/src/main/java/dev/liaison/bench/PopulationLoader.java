package dev.liaison.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Loads the benchmark's population straight into the tables the server's migration created, one INSERT ... SELECT
 * from generate_series per table: person n gets a profile with the id {@link Population#profileId}, an e-mail, a
 * phone and an external identity (the benchmark connection's record n) and a firstName attribute, exactly as if
 * the server had processed a contact.upserted event about them. The values are built by the SQL below from the
 * same constants as {@link Population}'s, and every lookup checks the profile it gets, so a mismatch cannot pass
 * unnoticed.
 */
final class PopulationLoader {

    static final String WORKSPACE = "default";
    /** The kind of the benchmark connection, which its external identities are named after. */
    static final String SOURCE_SYSTEM = "webhook";
    /** Older than any event the upsert run sends, so that under "most recent source time wins" those win. */
    private static final String LOADED_AT = "2026-01-01T00:00:00Z";

    private static final String PROFILES = "insert into profile (id, workspace_id, status, merged_into, created_at, "
            + "updated_at, version) select ? || lpad(n::text, ?, '0'), ?, 'ACTIVE', null, ?::timestamptz, "
            + "?::timestamptz, 0 from generate_series(1, ?) as n";
    private static final String IDENTITIES = "insert into profile_identity (workspace_id, profile_id, kind, "
            + "identity_value, source_system, source_connection, created_at) "
            + "select ?, ? || lpad(n::text, ?, '0'), k.kind, case k.kind "
            + "when 'EMAIL' then ? || n || ? "
            + "when 'PHONE' then ? || lpad(n::text, ?, '0') "
            + "else ? || '|' || ? || '|' || n end, ?, ?, ?::timestamptz "
            + "from generate_series(1, ?) as n cross join (values ('EMAIL'), ('PHONE'), ('EXTERNAL')) as k (kind)";
    private static final String ATTRIBUTES = "insert into profile_attribute (workspace_id, profile_id, name, "
            + "attribute_value, source_system, source_connection, source_ref, source_time, recorded_at) "
            + "select ?, ? || lpad(n::text, ?, '0'), 'firstName', 'Person', ?, ?, n::text, ?::timestamptz, "
            + "?::timestamptz from generate_series(1, ?) as n";

    /** How long each step took. */
    record Timing(Duration profiles, Duration identities, Duration attributes, Duration vacuumAnalyze) {
        Duration total() {
            return profiles.plus(identities).plus(attributes).plus(vacuumAnalyze);
        }
    }

    private PopulationLoader() {
    }

    static Timing load(BenchDatabase database, int population, String connectionId) throws SQLException {
        try (Connection connection = database.connectForBulkWork()) {
            try (Statement settings = connection.createStatement()) {
                // The rows are consistent by construction, so the foreign-key triggers (one lookup per row) only
                // cost time; this session alone skips them, which needs the superuser the benchmark connects as.
                settings.execute("set session_replication_role = replica");
                settings.execute("set maintenance_work_mem = '256MB'");
            }
            Duration profiles = timed(() -> {
                try (PreparedStatement insert = connection.prepareStatement(PROFILES)) {
                    insert.setString(1, Population.PROFILE_ID_PREFIX);
                    insert.setInt(2, Population.PROFILE_ID_DIGITS);
                    insert.setString(3, WORKSPACE);
                    insert.setString(4, LOADED_AT);
                    insert.setString(5, LOADED_AT);
                    insert.setInt(6, population);
                    insert.executeUpdate();
                }
            });
            Duration identities = timed(() -> {
                try (PreparedStatement insert = connection.prepareStatement(IDENTITIES)) {
                    insert.setString(1, WORKSPACE);
                    insert.setString(2, Population.PROFILE_ID_PREFIX);
                    insert.setInt(3, Population.PROFILE_ID_DIGITS);
                    insert.setString(4, Population.EMAIL_PREFIX);
                    insert.setString(5, Population.EMAIL_SUFFIX);
                    insert.setString(6, Population.PHONE_PREFIX);
                    insert.setInt(7, Population.PHONE_DIGITS);
                    insert.setString(8, SOURCE_SYSTEM);
                    insert.setString(9, connectionId);
                    insert.setString(10, SOURCE_SYSTEM);
                    insert.setString(11, connectionId);
                    insert.setString(12, LOADED_AT);
                    insert.setInt(13, population);
                    insert.executeUpdate();
                }
            });
            Duration attributes = timed(() -> {
                try (PreparedStatement insert = connection.prepareStatement(ATTRIBUTES)) {
                    insert.setString(1, WORKSPACE);
                    insert.setString(2, Population.PROFILE_ID_PREFIX);
                    insert.setInt(3, Population.PROFILE_ID_DIGITS);
                    insert.setString(4, SOURCE_SYSTEM);
                    insert.setString(5, connectionId);
                    insert.setString(6, LOADED_AT);
                    insert.setString(7, LOADED_AT);
                    insert.setInt(8, population);
                    insert.executeUpdate();
                }
            });
            // Statistics for the planner, and the visibility map and hint bits set now rather than by the first
            // lookups that touch each page, as autovacuum would have left a table this size in production.
            Duration vacuumAnalyze = timed(() -> {
                try (Statement vacuum = connection.createStatement()) {
                    vacuum.execute("vacuum (analyze) profile, profile_identity, profile_attribute");
                }
            });
            return new Timing(profiles, identities, attributes, vacuumAnalyze);
        }
    }

    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    private static Duration timed(SqlStep step) throws SQLException {
        long startedAt = System.nanoTime();
        step.run();
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }
}
