package dev.liaison.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands every store call of a thread the one connection of that thread's current transaction, as the container's
 * transaction-enlisted datasource does: the stores open and close a connection per statement, so without this each
 * statement would commit on its own and a scenario run would not be one transaction, as it is in the server. The
 * connection handed out ignores {@code close()}; it belongs to the caller of {@link #inTransaction}.
 */
final class TransactionBoundDataSource implements DataSource {

    /** What runs in one transaction. */
    @FunctionalInterface
    interface Work<E extends Exception> {
        void run() throws E;
    }

    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    /**
     * Runs the work with every store call on {@code connection} (autocommit off), then commits; rolls back and
     * rethrows when the work or the commit fails.
     */
    <E extends Exception> void inTransaction(Connection connection, Work<E> work) throws E, SQLException {
        if (current.get() != null) {
            throw new IllegalStateException("this thread is already in a transaction");
        }
        current.set(unclosable(connection));
        try {
            work.run();
            connection.commit();
        } catch (Exception e) {
            connection.rollback();
            throw e;
        } finally {
            current.remove();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = current.get();
        if (connection == null) {
            throw new SQLException("no transaction on thread " + Thread.currentThread().getName());
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the transaction's connection has its own credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
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
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }

    private static Connection unclosable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
