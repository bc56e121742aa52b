package dev.liaison.platform.processing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The savepoint around one entry of an inbox batch, set with SQL statements on the transaction's connection: the
 * server's pooled connections refuse {@link Connection#rollback(java.sql.Savepoint)} inside a container
 * transaction, but a {@code ROLLBACK TO SAVEPOINT} statement is the database's own business.
 */
final class EntrySavepoint {

    private static final String NAME = "inbox_entry";

    private final Connection transaction;

    EntrySavepoint(Connection transaction) {
        this.transaction = transaction;
    }

    void set() throws SQLException {
        execute("savepoint " + NAME);
    }

    /** Keeps what the entry wrote and frees the savepoint, so that the next entry's does not nest inside it. */
    void release() throws SQLException {
        execute("release savepoint " + NAME);
    }

    /** Undoes what the entry wrote; the transaction goes on, also on PostgreSQL after a failed statement. */
    void rollback() throws SQLException {
        execute("rollback to savepoint " + NAME);
        release();
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = transaction.createStatement()) {
            statement.execute(sql);
        }
    }
}
