package dev.liaison.bench;

import dev.liaison.platform.migration.DatabaseMigration;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The scenario benchmark's own PostgreSQL database, dropped and created for every run and migrated by the server's
 * own Flyway migrations, so that every run starts from the same empty tables. Its name differs from the server
 * benchmarks' database, which it therefore never disturbs.
 */
final class ScenarioDatabase {

    static final String NAME = "liaison_bench_scenarios";
    private static final int BATCH = 1_000;
    /** Bounds every statement, so that a stuck database ends the run instead of hanging it. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);

    private final PGSimpleDataSource dataSource;

    private ScenarioDatabase(PGSimpleDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code with (force)} ends sessions a crashed earlier run left behind. */
    static ScenarioDatabase recreate() throws SQLException {
        try (Connection connection = dataSource("postgres").getConnection();
             Statement ddl = connection.createStatement()) {
            ddl.execute("drop database if exists " + NAME + " with (force)");
            ddl.execute("create database " + NAME);
        }
        return new ScenarioDatabase(dataSource(NAME));
    }

    void migrate() {
        new DatabaseMigration(dataSource).migrate();
    }

    /** The e-mail connection the scenarios send through; the default workspace comes with the first migration. */
    String addMailConnection() throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                     + "name, settings, status, created_at, version) values (?, ?, 'email', ?, '{}', 'ACTIVE', "
                     + "current_timestamp, 0)")) {
            insert.setString(1, id);
            insert.setString(2, WorkspaceContext.DEFAULT);
            insert.setString(3, StandaloneEngine.MAIL_CONNECTION_NAME);
            insert.executeUpdate();
        }
        return id;
    }

    /** Inserts {@code count} active profiles with random ids, as the server creates them, and returns the ids. */
    List<String> addProfiles(int count) throws SQLException {
        List<String> ids = new ArrayList<>(count);
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into profile (id, workspace_id, "
                    + "status, created_at, updated_at, version) values (?, ?, 'ACTIVE', current_timestamp, "
                    + "current_timestamp, 0)")) {
                for (int i = 0; i < count; i++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    insert.setString(1, id);
                    insert.setString(2, WorkspaceContext.DEFAULT);
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0 || i == count - 1) {
                        insert.executeBatch();
                    }
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
            // Statistics for the tables just filled, as a database in use has them, so the plans are the usual ones.
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("analyze");
            }
        }
        return List.copyOf(ids);
    }

    /** A connection of its own, in autocommit mode until its user says otherwise. */
    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    long count(String sql) throws SQLException {
        try (Connection connection = connect();
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    String serverVersion() throws SQLException {
        try (Connection connection = connect();
             Statement query = connection.createStatement();
             ResultSet version = query.executeQuery("show server_version")) {
            version.next();
            return version.getString(1);
        }
    }

    /** The local PostgreSQL trusts loopback connections, so the password is a placeholder. */
    private static PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {BenchSettings.POSTGRES_HOST});
        dataSource.setPortNumbers(new int[] {BenchSettings.POSTGRES_PORT});
        dataSource.setDatabaseName(database);
        dataSource.setUser(BenchDatabase.USER);
        dataSource.setPassword(BenchDatabase.PASSWORD);
        dataSource.setSocketTimeout(Math.toIntExact(STATEMENT_TIMEOUT.toSeconds()));
        dataSource.setReWriteBatchedInserts(true);
        return dataSource;
    }
}
