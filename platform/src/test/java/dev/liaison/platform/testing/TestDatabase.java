package dev.liaison.platform.testing;

import dev.liaison.platform.migration.DatabaseMigration;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A migrated database for unit tests: in-memory H2 by default, or a fresh schema in the PostgreSQL named by the
 * system property {@code liaison.test.jdbc-url} (the {@code postgres} profile sets it). Like a JTA datasource,
 * it hands a thread inside {@link #inTransaction} the same connection for every call.
 */
public final class TestDatabase implements DataSource {

    private final String url;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

    private TestDatabase(String url) {
        this.url = url;
    }

    public static TestDatabase migrated() {
        TestDatabase database = empty();
        new DatabaseMigration(database).migrate();
        return database;
    }

    /** A database migrated up to {@code version} only, to test what a later migration does to existing rows. */
    public static TestDatabase migratedTo(String version) {
        TestDatabase database = empty();
        Flyway.configure(DatabaseMigration.class.getClassLoader()).dataSource(database)
                .locations("classpath:db/migration").target(version).load().migrate();
        return database;
    }

    private static TestDatabase empty() {
        String configured = System.getProperty("liaison.test.jdbc-url", "");
        TestDatabase database;
        if (configured.isBlank()) {
            database = new TestDatabase("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        } else {
            String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    .toLowerCase(Locale.ROOT);
            try (Connection admin = DriverManager.getConnection(configured);
                 Statement statement = admin.createStatement()) {
                statement.execute("create schema " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a test schema in " + configured, e);
            }
            database = new TestDatabase(configured + (configured.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        }
        return database;
    }

    public interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} in one transaction on one connection, committed at the end unless it throws. */
    public void inTransaction(Work work) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            transaction.set(connection);
            try {
                work.run();
                connection.commit();
            } catch (Exception | Error e) {
                connection.rollback();
                throw e;
            } finally {
                transaction.remove();
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection bound = transaction.get();
        return bound == null ? DriverManager.getConnection(url) : unclosable(bound);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private static Connection unclosable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setLoginTimeout(int seconds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
