package dev.liaison.platform.outbox;

import dev.liaison.platform.queue.DueRows;
import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.trace.Correlation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The transactional outbox. An action is written in the same transaction as the event processing that decided
 * it, and carried out later by the executor, so a rollback never leaves an action behind and a crash never loses
 * one. The idempotency key (inbox entry and position) makes a re-processed event find its action instead of
 * adding another.
 */
@ApplicationScoped
public class OutboxStore {

    public static final String DONE = "DONE";
    public static final String DEAD = "DEAD";
    /**
     * A message action whose gateway call may be under way: committed before the call, so a crash leaves a trace
     * that the message may already have gone out. {@code next_attempt_at} is then the end of the sender's lease.
     */
    public static final String SENDING = "SENDING";
    private static final int STALE_CANDIDATES = 16;
    private static final int TEXT_LIMIT = 2000;
    private static final String COLUMNS = "id, workspace_id, connection_id, idempotency_key, action_type, payload, "
            + "status, attempts, next_attempt_at, last_error, result, created_at, done_at, request_id";

    private static final String INSERT = "insert into outbox_action (workspace_id, connection_id, idempotency_key, "
            + "action_type, payload, status, attempts, next_attempt_at, created_at, request_id) "
            + "values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";

    private final DataSource dataSource;

    @Inject
    public OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the CDI client proxy only. */
    protected OutboxStore() {
        this(null);
    }

    /**
     * Adds an action unless one with this key exists; either way returns the action's id. On PostgreSQL a new action
     * costs one statement (an insert that does nothing on the key's conflict), and a concurrent enqueue of the same
     * key waits for the other transaction and then finds its action; on H2 the key is looked up first.
     * The action carries the correlation id of the delivery being processed, if any ({@link Correlation}).
     */
    public long enqueue(String workspaceId, String connectionId, String idempotencyKey, String type, String payload,
                        Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            if (!postgres) {
                Optional<Long> existing = existing(connection, connectionId, idempotencyKey);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT + (postgres
                    ? " on conflict (connection_id, idempotency_key) do nothing returning id" : ""))) {
                insert.setString(1, workspaceId);
                insert.setString(2, connectionId);
                insert.setString(3, idempotencyKey);
                insert.setString(4, type);
                insert.setString(5, payload);
                insert.setString(6, DueRows.PENDING);
                insert.setTimestamp(7, Timestamp.from(now));
                insert.setTimestamp(8, Timestamp.from(now));
                insert.setString(9, Correlation.current().orElse(null));
                if (postgres) {
                    try (ResultSet inserted = insert.executeQuery()) {
                        if (inserted.next()) {
                            return inserted.getLong(1);
                        }
                    }
                } else {
                    insert.executeUpdate();
                }
            }
            return existing(connection, connectionId, idempotencyKey).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("could not add an outbox action for connection " + connectionId, e);
        }
    }

    public Optional<OutboxAction> claimDue(Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            return DueRows.claim(connection, "outbox_action", COLUMNS, now, OutboxStore::read);
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim a due outbox action", e);
        }
    }

    public Optional<OutboxAction> find(long id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + COLUMNS + " from outbox_action where id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read outbox action " + id, e);
        }
    }

    public void markDone(long id, String result, Instant now) {
        update("update outbox_action set status = ?, attempts = attempts + 1, result = ?, last_error = null, "
                + "done_at = ? where id = ?", DONE, cut(result), Timestamp.from(now), id);
    }

    /** A failed attempt: due again at {@code retryAt}, or dead when that is empty. */
    public void recordFailure(long id, String error, Optional<Instant> retryAt, Instant now) {
        if (retryAt.isPresent()) {
            update("update outbox_action set attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                    + "where id = ?", cut(error), Timestamp.from(retryAt.get()), id);
        } else {
            update("update outbox_action set status = ?, attempts = attempts + 1, last_error = ?, done_at = ? "
                    + "where id = ?", DEAD, cut(error), Timestamp.from(now), id);
        }
    }

    /**
     * Commits that the gateway is about to be called: one more attempt, owned by {@code node} until
     * {@code leaseUntil}. Runs in the claim's transaction, so the row lock is still held.
     */
    public void markSending(long id, String node, Instant leaseUntil) {
        update("update outbox_action set status = ?, attempts = attempts + 1, claimed_by = ?, next_attempt_at = ?, "
                + "last_error = null where id = ?", SENDING, node, Timestamp.from(leaseUntil), id);
    }

    /**
     * Settles a SENDING action after its gateway call, unless another node took it over when the lease ran out
     * ({@code attempts} no longer matches).
     *
     * @param status {@link DueRows#PENDING} to retry at {@code nextAttemptAt}, or {@link #DONE} / {@link #DEAD}
     * @return whether this call settled it
     */
    public boolean settleSending(long id, int attempts, String status, String result, String error,
                                 Instant nextAttemptAt, Instant now) {
        return updated("update outbox_action set status = ?, result = ?, last_error = ?, next_attempt_at = ?, "
                + "claimed_by = null, done_at = ? where id = ? and status = ? and attempts = ?", status, cut(result),
                cut(error), Timestamp.from(nextAttemptAt), DueRows.PENDING.equals(status) ? null : Timestamp.from(now),
                id, SENDING, attempts) == 1;
    }

    /** Puts a claimed action back without counting an attempt: it is not due yet (quiet hours). */
    public void defer(long id, String reason, Instant until) {
        update("update outbox_action set next_attempt_at = ?, last_error = ? where id = ?", Timestamp.from(until),
                cut(reason), id);
    }

    /**
     * Claims a SENDING action whose lease ran out: its sender died or hung, and whether the message went out is
     * unknown. Locked like a due row, so exactly one node resolves it.
     */
    public Optional<OutboxAction> claimStaleSending(Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            List<Long> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select id from outbox_action where "
                    + "status = ? and next_attempt_at <= ? order by next_attempt_at, id fetch first "
                    + STALE_CANDIDATES + " rows only")) {
                select.setString(1, SENDING);
                select.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(rows.getLong(1));
                    }
                }
            }
            for (long candidate : candidates) {
                try (PreparedStatement lock = connection.prepareStatement("select " + COLUMNS + " from outbox_action "
                        + "where id = ? and status = ? and next_attempt_at <= ? for update skip locked")) {
                    lock.setLong(1, candidate);
                    lock.setString(2, SENDING);
                    lock.setTimestamp(3, Timestamp.from(now));
                    try (ResultSet row = lock.executeQuery()) {
                        if (row.next()) {
                            return Optional.of(read(row));
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim a stale sending outbox action", e);
        }
    }

    /**
     * After a restart nothing of this node's can still be in flight, so its SENDING actions are stale at once
     * instead of at the end of their lease.
     *
     * @return how many were released
     */
    public int releaseSending(String node, Instant now) {
        return updated("update outbox_action set next_attempt_at = ? where status = ? and claimed_by = ?",
                Timestamp.from(now), SENDING, node);
    }

    private static Optional<Long> existing(Connection connection, String connectionId, String key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id from outbox_action where connection_id = ? and idempotency_key = ?")) {
            select.setString(1, connectionId);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private void update(String sql, Object... parameters) {
        updated(sql, parameters);
    }

    private int updated(String sql, Object... parameters) {
        try {
            return Jdbc.update(dataSource, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the outbox", e);
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT);
    }

    private static OutboxAction read(ResultSet row) throws SQLException {
        Timestamp done = row.getTimestamp("done_at");
        return new OutboxAction(row.getLong("id"), row.getString("workspace_id"), row.getString("connection_id"),
                row.getString("idempotency_key"), row.getString("action_type"), row.getString("payload"),
                row.getString("status"), row.getInt("attempts"), row.getTimestamp("next_attempt_at").toInstant(),
                row.getString("last_error"), row.getString("result"), row.getTimestamp("created_at").toInstant(),
                done == null ? null : done.toInstant(), row.getString("request_id"));
    }
}
