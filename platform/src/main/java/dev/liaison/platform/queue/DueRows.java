package dev.liaison.platform.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claims the oldest due row of a work table ({@code status = 'PENDING' and next_attempt_at <= now}) with a row lock
 * that other workers skip, on any node. PostgreSQL skips locked rows before it applies the limit, so one statement
 * suffices; H2 applies the limit first, so there the oldest few candidates are read without a lock and then tried
 * one by one. Must run inside the transaction that records the outcome, so a crash releases the lock.
 */
public final class DueRows {

    public static final String PENDING = "PENDING";
    private static final int CANDIDATES = 16;

    /** Maps the claimed row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private DueRows() {
    }

    public static <T> Optional<T> claim(Connection connection, String table, String columns, Instant now,
                                        RowReader<T> reader) throws SQLException {
        String due = "select " + columns + " from " + table + " where status = ? and next_attempt_at <= ?";
        if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return lock(connection, due + " order by next_attempt_at, id fetch first 1 rows only", now, null, reader);
        }
        for (long candidate : candidates(connection, table, now)) {
            Optional<T> locked = lock(connection, due + " and id = ?", now, candidate, reader);
            if (locked.isPresent()) {
                return locked;
            }
        }
        return Optional.empty();
    }

    private static List<Long> candidates(Connection connection, String table, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id from " + table + " where status = ? "
                + "and next_attempt_at <= ? order by next_attempt_at, id fetch first " + CANDIDATES + " rows only")) {
            select.setString(1, PENDING);
            select.setTimestamp(2, Timestamp.from(now));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static <T> Optional<T> lock(Connection connection, String query, Instant now, Long id,
                                        RowReader<T> reader) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query + " for update skip locked")) {
            select.setString(1, PENDING);
            select.setTimestamp(2, Timestamp.from(now));
            if (id != null) {
                select.setLong(3, id);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(reader.read(row)) : Optional.empty();
            }
        }
    }
}
