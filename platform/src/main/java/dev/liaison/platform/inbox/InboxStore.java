package dev.liaison.platform.inbox;

import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.platform.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The durable webhook inbox, in plain JDBC because it is the hot path of intake and needs
 * {@code FOR UPDATE SKIP LOCKED}. Rows are scoped by connection; callers resolve the connection in their
 * workspace first.
 */
@ApplicationScoped
public class InboxStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ERROR_LIMIT = 2000;
    /** {@code inbox_entry.dedup_key}. */
    public static final int DEDUP_KEY_LIMIT = 255;
    private static final String COLUMNS = "id, workspace_id, connection_id, dedup_key, content_type, headers, query, "
            + "body, received_at, status, attempts, next_attempt_at, last_error, processed_at, request_id";

    /** Connections with due entries looked at per claim; more are reached once these have been served. */
    private static final int CANDIDATE_CONNECTIONS = 16;
    /**
     * The due time of a connection is that of its oldest due entry: an index lookup per connection on
     * {@code ix_inbox_lane}, never a scan of the backlog.
     */
    private static final String CONNECTIONS_BY_OLDEST_DUE = "select id from (select c.id, (select min(e.next_attempt_at) "
            + "from inbox_entry e where e.connection_id = c.id and e.status = ?) as oldest_due from connection c) lanes "
            + "where oldest_due <= ? order by oldest_due, id fetch first " + CANDIDATE_CONNECTIONS + " rows only";
    private static final String HEAD_OF_CONNECTION = "select id from inbox_entry where connection_id = ? and status = ? "
            + "and next_attempt_at <= ? order by next_attempt_at, id fetch first 1 rows only";
    private static final String LOCK_HEAD = "select id from inbox_entry where id = ? and status = ? "
            + "for update skip locked";
    private static final String DUE_OF_CONNECTION = "select " + COLUMNS + " from inbox_entry where connection_id = ? "
            + "and status = ? and next_attempt_at <= ? order by next_attempt_at, id fetch first ? rows only "
            + "for update skip locked";

    /**
     * Enough to share one commit among every request thread of a busy node; larger batches would only hold the
     * first caller of the batch longer.
     */
    private static final int MAX_DELIVERIES_PER_COMMIT = 64;
    /** One commit in flight and the next one filling: more would only take pooled connections from the API. */
    private static final int CONCURRENT_COMMITS = 2;

    private static final String INSERT_COLUMNS = "insert into inbox_entry (workspace_id, connection_id, dedup_key, "
            + "content_type, headers, query, body, received_at, status, attempts, next_attempt_at, request_id) ";
    /**
     * PostgreSQL's own answer to a redelivery: no row, no error, and no error either when another transaction is
     * storing the same delivery at the same moment (it waits for that one instead), so a batch never fails for it.
     */
    private static final String INSERT_ON_CONFLICT_DO_NOTHING = INSERT_COLUMNS
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) on conflict (connection_id, dedup_key) do nothing";
    /** H2 has no {@code on conflict} outside its PostgreSQL mode; a concurrent twin makes this batch fail instead. */
    private static final String INSERT_UNLESS_STORED = INSERT_COLUMNS + "select ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ? "
            + "where not exists (select 1 from inbox_entry where connection_id = ? and dedup_key = ?)";

    private final DataSource dataSource;
    private final GroupCommit<Delivery, Acceptance> commits;

    @Inject
    public InboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.commits = new GroupCommit<>(MAX_DELIVERIES_PER_COMMIT, CONCURRENT_COMMITS, this::storeAll);
    }

    /** For the CDI client proxy only. */
    protected InboxStore() {
        this(null);
    }

    public enum Acceptance { STORED, DUPLICATE }

    /**
     * Stores a delivery, or recognises it as one already stored. Called outside any transaction: the row is
     * committed when this returns, in a transaction of its own or shared with deliveries that arrived at the same
     * time (see {@link GroupCommit}). {@code requestId} is the delivery's correlation id
     * ({@link dev.liaison.platform.trace.RequestIds}); a redelivery keeps the first delivery's.
     */
    public Acceptance accept(String workspaceId, String connectionId, String dedupKey, WebhookRequest request,
                             String requestId) {
        return commits.submit(new Delivery(workspaceId, connectionId, dedupKey, request, requestId));
    }

    private void storeAll(List<GroupCommit.Submission<Delivery, Acceptance>> batch) {
        if (batch.size() > 1 && storedTogether(batch)) {
            return;
        }
        for (GroupCommit.Submission<Delivery, Acceptance> submission : batch) {
            if (submission.settled()) {
                continue;
            }
            try {
                submission.complete(storeAlone(submission.item()));
            } catch (InboxException e) {
                submission.fail(e);
            }
        }
    }

    /**
     * One transaction for the whole batch. A delivery stored before, or earlier in the same batch, inserts no row.
     * Should the batch fail (a row the table refuses), nothing of it is kept and false sends every delivery through
     * {@link #storeAlone}, so that one bad row fails only itself.
     */
    private boolean storedTogether(List<GroupCommit.Submission<Delivery, Acceptance>> batch) {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(postgres ? INSERT_ON_CONFLICT_DO_NOTHING
                    : INSERT_UNLESS_STORED)) {
                for (GroupCommit.Submission<Delivery, Acceptance> submission : batch) {
                    Delivery delivery = submission.item();
                    bindRow(insert, delivery);
                    if (!postgres) {
                        insert.setString(12, delivery.connectionId());
                        insert.setString(13, delivery.dedupKey());
                    }
                    insert.addBatch();
                }
                int[] inserted = insert.executeBatch();
                connection.commit();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(inserted[i] == 0 ? Acceptance.DUPLICATE : Acceptance.STORED);
                }
                return true;
            } catch (SQLException e) {
                connection.rollback();
                return false;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private Acceptance storeAlone(Delivery delivery) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_COLUMNS
                     + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            bindRow(insert, delivery);
            insert.executeUpdate();
            return Acceptance.STORED;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Acceptance.DUPLICATE;
            }
            throw new InboxException("could not store a delivery for connection " + delivery.connectionId(), e);
        }
    }

    private static void bindRow(PreparedStatement insert, Delivery delivery) throws SQLException {
        WebhookRequest request = delivery.request();
        Timestamp received = Timestamp.from(request.receivedAt());
        insert.setString(1, delivery.workspaceId());
        insert.setString(2, delivery.connectionId());
        insert.setString(3, delivery.dedupKey());
        insert.setString(4, request.contentType());
        insert.setString(5, HeadersJson.write(request.headers()));
        insert.setString(6, request.query());
        insert.setBytes(7, request.body());
        insert.setTimestamp(8, received);
        insert.setString(9, InboxStatus.PENDING.name());
        insert.setTimestamp(10, received);
        insert.setString(11, delivery.requestId());
    }

    private record Delivery(String workspaceId, String connectionId, String dedupKey, WebhookRequest request,
                            String requestId) {
    }

    /**
     * Claims up to {@code limit} due entries of one connection, oldest first, for one worker; empty when nothing is
     * due or every connection with due entries is being worked on by another worker, on any node.
     *
     * <p>A connection is one lane: while a worker holds its due entries no other worker takes any of that
     * connection's, so the events of one person arrive at the profile store in the order they are due. The lane's
     * lock is the row lock on the connection's oldest due entry (its head), which the batch always holds: a newer
     * entry, a retry that became due or a replayed one sorts after it. The connection row itself is not locked,
     * because a connector renewing its OAuth tokens locks it in a transaction of its own while the batch runs.
     * Connections are tried by the age of their oldest due entry, so a connection catching up on a large backlog
     * holds one worker and the others go on serving the rest. Must run inside the transaction that records the
     * outcome, so that a crash releases the lanes.
     */
    public List<InboxEntry> claimBatch(Instant now, int limit) {
        return claimBatch(now, limit, Set.of());
    }

    /**
     * As {@link #claimBatch(Instant, int)}, passing over the connections in {@code passedOver}: lanes whose records
     * this node is fetching outside any transaction, which hold no lock meanwhile.
     */
    public List<InboxEntry> claimBatch(Instant now, int limit, Set<String> passedOver) {
        try (Connection connection = dataSource.getConnection()) {
            for (String candidate : connectionsByOldestDue(connection, now)) {
                if (!passedOver.contains(candidate) && lockHead(connection, candidate, now)) {
                    return dueEntries(connection, candidate, now, limit);
                }
            }
            return List.of();
        } catch (SQLException e) {
            throw new InboxException("could not claim due inbox entries", e);
        }
    }

    /** Whether the connection has an entry with this dedup key: a sync page's part handed on before a crash. */
    public boolean holds(String connectionId, String dedupKey) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select 1 from inbox_entry where connection_id = ? "
                     + "and dedup_key = ?")) {
            select.setString(1, connectionId);
            select.setString(2, dedupKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new InboxException("could not look for an inbox entry of connection " + connectionId, e);
        }
    }

    /**
     * Up to {@code limit} due entries of a connection, oldest first, to fetch their records: called by the worker
     * holding the lane ({@link #claimBatch}), so no other worker is taking them meanwhile.
     */
    public List<InboxEntry> dueOf(String connectionId, Instant now, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return dueEntries(connection, connectionId, now, limit);
        } catch (SQLException e) {
            throw new InboxException("could not read the due entries of connection " + connectionId, e);
        }
    }

    /**
     * Claims a lane again for the entries whose records were fetched while it was not held: those of
     * {@code entryIds} still due, oldest first; empty when another worker holds the lane now. A retry that became
     * due meanwhile, or a newer entry, waits for the next batch: its records were not fetched. Must run inside the
     * transaction that records the outcome, as {@link #claimBatch} must.
     */
    public List<InboxEntry> claimLane(String connectionId, List<Long> entryIds, Instant now) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(entryIds.size(), "?"));
        try (Connection connection = dataSource.getConnection()) {
            if (!lockHead(connection, connectionId, now)) {
                return List.of();
            }
            try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from inbox_entry "
                    + "where connection_id = ? and status = ? and next_attempt_at <= ? and id in (" + placeholders
                    + ") order by next_attempt_at, id for update skip locked")) {
                select.setString(1, connectionId);
                select.setString(2, InboxStatus.PENDING.name());
                select.setTimestamp(3, Timestamp.from(now));
                for (int i = 0; i < entryIds.size(); i++) {
                    select.setLong(4 + i, entryIds.get(i));
                }
                return readAll(select);
            }
        } catch (SQLException e) {
            throw new InboxException("could not claim the lane of connection " + connectionId, e);
        }
    }

    /**
     * Claims the given entries again, each that is still due and not held by another worker: a batch that failed as
     * a whole is taken apart and its entries are tried one by one.
     */
    public Optional<InboxEntry> claimEntry(long entryId, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from inbox_entry "
                     + "where id = ? and status = ? and next_attempt_at <= ? for update skip locked")) {
            select.setLong(1, entryId);
            select.setString(2, InboxStatus.PENDING.name());
            select.setTimestamp(3, Timestamp.from(now));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new InboxException("could not claim inbox entry " + entryId, e);
        }
    }

    private static List<String> connectionsByOldestDue(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CONNECTIONS_BY_OLDEST_DUE)) {
            select.setString(1, InboxStatus.PENDING.name());
            select.setTimestamp(2, Timestamp.from(now));
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static boolean lockHead(Connection connection, String connectionId, Instant now) throws SQLException {
        Long head = null;
        try (PreparedStatement select = connection.prepareStatement(HEAD_OF_CONNECTION)) {
            select.setString(1, connectionId);
            select.setString(2, InboxStatus.PENDING.name());
            select.setTimestamp(3, Timestamp.from(now));
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    head = row.getLong(1);
                }
            }
        }
        if (head == null) {
            return false;
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD)) {
            lock.setLong(1, head);
            lock.setString(2, InboxStatus.PENDING.name());
            try (ResultSet row = lock.executeQuery()) {
                return row.next();
            }
        }
    }

    private static List<InboxEntry> dueEntries(Connection connection, String connectionId, Instant now, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(DUE_OF_CONNECTION)) {
            select.setString(1, connectionId);
            select.setString(2, InboxStatus.PENDING.name());
            select.setTimestamp(3, Timestamp.from(now));
            select.setInt(4, limit);
            return readAll(select);
        }
    }

    /**
     * Records a page of records a pull sync hands on, as an entry that is done from the start: the page's events
     * need an inbox entry to be identified by ({@link InboundEvent#actionKey}, the journal), but nothing is left to
     * process. Must run inside the page's transaction, so that the entry exists exactly when the page's effects do.
     * {@code body} describes the page without its records, which may be personal.
     *
     * @throws InboxException when the connection already has an entry with this dedup key: the page was handed on
     */
    public InboxEntry recordPulledPage(String workspaceId, String connectionId, String dedupKey, byte[] body,
                                       String requestId, Instant now) {
        String headers = HeadersJson.write(Map.of());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into inbox_entry (workspace_id, "
                     + "connection_id, dedup_key, content_type, headers, query, body, received_at, status, attempts, "
                     + "next_attempt_at, request_id, processed_at) values (?, ?, ?, ?, ?, null, ?, ?, ?, 1, ?, ?, ?)",
                     new String[] {"id"})) {
            Jdbc.bind(insert, workspaceId, connectionId, dedupKey, "application/json", headers, body, now,
                    InboxStatus.DONE.name(), now, requestId, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new InboxEntry(keys.getLong(1), workspaceId, connectionId, dedupKey, "application/json",
                        Map.of(), null, body, now, InboxStatus.DONE, 1, now, null, now, requestId);
            }
        } catch (SQLException e) {
            throw new InboxException("could not record a pulled page for connection " + connectionId, e);
        }
    }

    /** Marks processed entries done, in one JDBC batch. */
    public void markDone(List<Long> entryIds, Instant processedAt) {
        if (entryIds.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(processedAt);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update inbox_entry set status = ?, "
                     + "attempts = attempts + 1, processed_at = ?, last_error = null where id = ?")) {
            for (long id : entryIds) {
                update.setString(1, InboxStatus.DONE.name());
                update.setTimestamp(2, at);
                update.setLong(3, id);
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new InboxException("could not mark inbox entries done", e);
        }
    }

    /**
     * Records a failed attempt: the entry is due again at {@code retryAt}, or dead when that is empty. The attempt
     * rolled back and released the entry's lock before this runs, so another worker may have claimed the same entry
     * in between and reached its own verdict: only the first verdict on the attempt count that was seen is kept.
     *
     * @return false when another worker recorded this attempt first, or finished the entry
     */
    public boolean recordFailure(long entryId, int attemptsSeen, String error, Optional<Instant> retryAt,
                                 Instant now) {
        String message = error == null ? "unknown error" : error;
        if (message.length() > ERROR_LIMIT) {
            message = message.substring(0, ERROR_LIMIT);
        }
        if (retryAt.isPresent()) {
            return update("update inbox_entry set attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                    + "where id = ? and status = ? and attempts = ?", message, Timestamp.from(retryAt.get()),
                    entryId, InboxStatus.PENDING.name(), attemptsSeen) > 0;
        }
        return update("update inbox_entry set status = ?, attempts = attempts + 1, last_error = ?, processed_at = ? "
                + "where id = ? and status = ? and attempts = ?", InboxStatus.DEAD.name(), message,
                Timestamp.from(now), entryId, InboxStatus.PENDING.name(), attemptsSeen) > 0;
    }

    /** Puts a dead entry back in the queue, due now, with a fresh attempt budget. */
    public boolean replay(String connectionId, long entryId, Instant now) {
        return update("update inbox_entry set status = ?, attempts = 0, next_attempt_at = ?, processed_at = null "
                + "where id = ? and connection_id = ? and status = ?", InboxStatus.PENDING.name(),
                Timestamp.from(now), entryId, connectionId, InboxStatus.DEAD.name()) == 1;
    }

    /**
     * Forgets a dead entry for good: an admin decided it will never be processed. Its dedup key goes with it, so the
     * sender delivering the same event again is accepted as new.
     */
    public boolean discard(String connectionId, long entryId) {
        return update("delete from inbox_entry where id = ? and connection_id = ? and status = ?", entryId,
                connectionId, InboxStatus.DEAD.name()) == 1;
    }

    public Map<InboxStatus, Long> countByStatus(String connectionId) {
        Map<InboxStatus, Long> counts = new EnumMap<>(InboxStatus.class);
        for (InboxStatus status : InboxStatus.values()) {
            counts.put(status, 0L);
        }
        String sql = "select status, count(*) from inbox_entry where connection_id = ? group by status";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, connectionId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(InboxStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new InboxException("could not count inbox entries", e);
        }
    }

    /** The newest entries of one connection, optionally of one status. */
    public List<InboxEntry> list(String connectionId, Optional<InboxStatus> status, int limit) {
        String sql = "select " + COLUMNS + " from inbox_entry where connection_id = ?"
                + (status.isPresent() ? " and status = ?" : "") + " order by id desc fetch first ? rows only";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            select.setString(index++, connectionId);
            if (status.isPresent()) {
                select.setString(index++, status.get().name());
            }
            select.setInt(index, limit);
            return readAll(select);
        } catch (SQLException e) {
            throw new InboxException("could not list inbox entries", e);
        }
    }

    /** One entry of the connection, whatever its status. */
    public Optional<InboxEntry> find(String connectionId, long entryId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from inbox_entry "
                     + "where id = ? and connection_id = ?")) {
            select.setLong(1, entryId);
            select.setString(2, connectionId);
            return readAll(select).stream().findFirst();
        } catch (SQLException e) {
            throw new InboxException("could not read an inbox entry", e);
        }
    }

    private static List<InboxEntry> readAll(PreparedStatement select) throws SQLException {
        List<InboxEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                entries.add(read(rows));
            }
        }
        return entries;
    }

    private int update(String sql, Object... parameters) {
        try {
            return Jdbc.update(dataSource, sql, parameters);
        } catch (SQLException e) {
            throw new InboxException("could not update the inbox", e);
        }
    }

    private static InboxEntry read(ResultSet row) throws SQLException {
        return new InboxEntry(
                row.getLong("id"),
                row.getString("workspace_id"),
                row.getString("connection_id"),
                row.getString("dedup_key"),
                row.getString("content_type"),
                HeadersJson.read(row.getString("headers")),
                row.getString("query"),
                row.getBytes("body"),
                instant(row.getTimestamp("received_at")),
                InboxStatus.valueOf(row.getString("status")),
                row.getInt("attempts"),
                instant(row.getTimestamp("next_attempt_at")),
                row.getString("last_error"),
                instant(row.getTimestamp("processed_at")),
                row.getString("request_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
