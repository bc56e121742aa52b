package dev.liaison.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The benchmark's own PostgreSQL database, recreated for every run so that the two measurements start from the
 * same empty tables. The local PostgreSQL trusts loopback connections, so the password is a placeholder.
 */
final class BenchDatabase implements AutoCloseable {

    static final String NAME = "liaison_bench";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    static final String CEILING_TABLE = "bench_ceiling";
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BULK_STATEMENT_TIMEOUT = Duration.ofMinutes(20);

    private final String name;
    private final Connection admin;

    private BenchDatabase(String name, Connection admin) {
        this.name = name;
        this.admin = admin;
    }

    /** Drops and creates {@link #NAME}. */
    static void recreate() throws SQLException {
        recreate(NAME);
    }

    /**
     * Drops and creates the database {@code name}, a fixed name of the benchmark's own; {@code with (force)} ends
     * sessions a crashed earlier run left behind.
     */
    static void recreate(String name) throws SQLException {
        try (Connection connection = connect("postgres"); Statement ddl = connection.createStatement()) {
            ddl.execute("drop database if exists " + name + " with (force)");
            ddl.execute("create database " + name);
        }
    }

    static BenchDatabase open() throws SQLException {
        return open(NAME);
    }

    static BenchDatabase open(String name) throws SQLException {
        return new BenchDatabase(name, connect(name));
    }

    /** A connection in autocommit mode, so that every insert on it is its own commit, as intake's is. */
    Connection connect() throws SQLException {
        return connect(name);
    }

    /** For statements that run for minutes, such as loading a million profiles; still bounded. */
    Connection connectForBulkWork() throws SQLException {
        return connect(name, BULK_STATEMENT_TIMEOUT);
    }

    /**
     * Creates the ceiling's table as a copy of inbox_entry, which the server's migration has created by now: the
     * same columns, indexes and unique constraint, plus the same foreign key, so that both write the same row.
     */
    void createCeilingTable() throws SQLException {
        try (Statement ddl = admin.createStatement()) {
            ddl.execute("create table " + CEILING_TABLE + " (like inbox_entry including all)");
            ddl.execute("alter table " + CEILING_TABLE + " add constraint fk_ceiling_connection foreign key "
                    + "(connection_id) references connection (id)");
        }
    }

    String serverVersion() throws SQLException {
        try (Statement query = admin.createStatement();
             ResultSet version = query.executeQuery("show server_version")) {
            version.next();
            return version.getString(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return connect(database, STATEMENT_TIMEOUT);
    }

    private static Connection connect(String database, Duration statementTimeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        // Bounds every statement, so that a stuck database ends the run instead of hanging it.
        properties.setProperty("socketTimeout", Long.toString(statementTimeout.toSeconds()));
        return DriverManager.getConnection("jdbc:postgresql://" + BenchSettings.POSTGRES_HOST + ":"
                + BenchSettings.POSTGRES_PORT + "/" + database, properties);
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
