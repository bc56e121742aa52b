package dev.liaison.platform.sync;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code connection_sync} table: one row per connection that pulls records. Everything but the due claim goes
 * through {@link WorkspaceJdbc} and so sees the current workspace only.
 *
 * <p>Exactly one claim runs a connection's sync at a time, on any number of nodes: {@link #claimDue} takes a row
 * with {@code FOR UPDATE SKIP LOCKED} (two claims at the same moment never wait for or take the same row) and leaves
 * a lease on it, a token and an expiry. Every page commit renews the lease and succeeds only while the token is
 * still there ({@link #holdLease}), so a node that was paused, lost the lease to a takeover or was told to start
 * afresh stops at its next page without writing it. A node killed mid-run simply lets its lease run out; the next
 * claim resumes the run from the last committed cursor.
 */
@ApplicationScoped
public class SyncStore {

    /** {@code connection_sync.last_error}: enough for a vendor's error code and a sentence. */
    public static final int ERROR_LIMIT = 500;
    /** {@code connection_sync.sync_cursor}. */
    public static final int CURSOR_LIMIT = 4000;

    private static final String COLUMNS = "connection_id, workspace_id, phase, sync_cursor, in_run, full_run, "
            + "run_number, interval_seconds, next_run_at, lease_owner, lease_expires_at, pages, records_seen, "
            + "records_changed, records_skipped, records_failed, started_at, finished_at, last_error, last_cursor_at, "
            + "records_remaining, reconciled_at, drift_changed, drift_deleted";
    private static final String ENTITY_COUNTS = "select entity, records_seen, records_changed, records_skipped, "
            + "records_failed from connection_sync_entity where connection_id = ?";
    /** Due syncs looked at per claim; more are reached once these have been served. */
    private static final int CANDIDATES = 16;
    /**
     * Due rows: idle or failed ones whose time came, and running ones whose lease ran out (their node died or hung).
     * Only of active connections: a disabled connection's sync waits, cursor kept, until it is enabled again.
     */
    private static final String DUE_CONDITION = "((phase in ('IDLE', 'FAILED') and next_run_at <= ?) or "
            + "(phase = 'RUNNING' and lease_expires_at < ?)) and exists (select 1 from connection c "
            + "where c.id = s.connection_id and c.status = 'ACTIVE')";
    private static final String DUE = "select connection_id from connection_sync s where " + DUE_CONDITION
            + " order by next_run_at, connection_id fetch first " + CANDIDATES + " rows only";
    /**
     * Locks one candidate if it is still due and no other claim holds it. One row at a time, because H2 applies
     * {@code fetch first} before skipping locked rows, so a locked first row would hide every other.
     */
    private static final String LOCK_IF_DUE = "select " + COLUMNS + " from connection_sync s where connection_id = ? "
            + "and " + DUE_CONDITION + " for update skip locked";

    private final Jdbc anyWorkspace;
    private final WorkspaceJdbc jdbc;

    @Inject
    public SyncStore(DataSource dataSource) {
        this.anyWorkspace = new Jdbc(dataSource);
        this.jdbc = new WorkspaceJdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected SyncStore() {
        this(null);
    }

    /**
     * Starts keeping a new connection's sync in the current workspace: its first run is a full one (the initial
     * import), due now, unless {@code importNow} is false, when it waits paused for the admin to start it.
     */
    public void register(String connectionId, Duration interval, boolean importNow, Instant now) {
        jdbc.update("insert into connection_sync (connection_id, workspace_id, phase, sync_cursor, in_run, full_run, "
                + "run_number, interval_seconds, next_run_at, pages, records_seen, records_changed, records_skipped, "
                + "records_failed) values (?, :workspace, ?, null, false, true, 0, ?, ?, 0, 0, 0, 0, 0)",
                connectionId, (importNow ? SyncPhase.IDLE : SyncPhase.PAUSED).name(), interval.toSeconds(), now);
    }

    public Optional<SyncState> find(String connectionId) {
        return jdbc.first("select " + COLUMNS + " from connection_sync where workspace_id = :workspace "
                + "and connection_id = ?", SyncStore::read, connectionId)
                .map(state -> state.withEntities(entities(jdbc.query(ENTITY_COUNTS + " and workspace_id = :workspace",
                        SyncStore::readEntity, connectionId))));
    }

    /**
     * Claims the most overdue sync of any workspace and leases it to {@code owner} until {@code leaseUntil}. A row
     * with no run under way starts a new run (counters reset, run number up; the cursor stays, so the run goes on
     * from where the last one ended, or from the beginning when it is a full one); otherwise the run under way is
     * resumed as it stands. Must run in a transaction of its own that commits the lease before any pulling.
     *
     * <p>Plain {@link Jdbc}, not {@link WorkspaceJdbc}: the worker that claims works for no workspace until it knows
     * the row's, and due rows of every workspace compete for the same workers, as inbox entries do.
     */
    public Optional<SyncState> claimDue(String owner, Instant now, Instant leaseUntil) {
        SyncState row = null;
        for (String candidate : anyWorkspace.query(DUE, result -> result.getString(1), now, now)) {
            List<SyncState> locked = anyWorkspace.query(LOCK_IF_DUE, SyncStore::read, candidate, now, now);
            if (!locked.isEmpty()) {
                row = locked.get(0);
                break;
            }
        }
        if (row == null) {
            return Optional.empty();
        }
        if (row.inRun()) {
            anyWorkspace.update("update connection_sync set phase = ?, lease_owner = ?, lease_expires_at = ? "
                    + "where connection_id = ?", SyncPhase.RUNNING.name(), owner, leaseUntil, row.connectionId());
        } else {
            anyWorkspace.update("update connection_sync set phase = ?, lease_owner = ?, lease_expires_at = ?, "
                    + "in_run = true, run_number = run_number + 1, pages = 0, records_seen = 0, records_changed = 0, "
                    + "records_skipped = 0, records_failed = 0, records_remaining = null, started_at = ?, "
                    + "finished_at = null where connection_id = ?", SyncPhase.RUNNING.name(), owner, leaseUntil, now,
                    row.connectionId());
            anyWorkspace.update("delete from connection_sync_entity where connection_id = ?", row.connectionId());
        }
        return anyWorkspace.query("select " + COLUMNS + " from connection_sync where connection_id = ?",
                SyncStore::read, row.connectionId()).stream().findFirst()
                .map(state -> state.withEntities(entities(anyWorkspace.query(ENTITY_COUNTS, SyncStore::readEntity,
                        state.connectionId()))));
    }

    /**
     * Renews the lease of {@code owner}'s run and locks the row for the rest of the page's transaction.
     *
     * @return false when the run is not {@code owner}'s any more (paused, restarted, or taken over after its lease
     *         ran out): the caller must write nothing
     */
    public boolean holdLease(String connectionId, String owner, long runNumber, Instant leaseUntil) {
        return jdbc.update("update connection_sync set lease_expires_at = ? where workspace_id = :workspace "
                + "and connection_id = ? and phase = 'RUNNING' and lease_owner = ? and run_number = ?", leaseUntil,
                connectionId, owner, runNumber) == 1;
    }

    /**
     * A page was handed on: the cursor moves past it and its counts are added, per entity and in all, in the page's
     * transaction, which holds the row's lock ({@link #holdLease}), so no other claim adds an entity row meanwhile.
     * {@code newestEventAt} (null for a page without events) moves {@code last_cursor_at} forward, never back; the
     * page's estimate of what is left replaces the last one.
     */
    public void advance(String connectionId, String owner, String cursor, PageCounts page, Instant newestEventAt) {
        add(connectionId, owner, true, cursor, page, newestEventAt);
    }

    /**
     * A part of a page was handed on in a transaction of its own: its counts are added as {@link #advance} adds a
     * page's, while the cursor and the page count stay until the page's last part moves them.
     */
    public void countPart(String connectionId, String owner, PageCounts part, Instant newestEventAt) {
        add(connectionId, owner, false, null, part, newestEventAt);
    }

    private void add(String connectionId, String owner, boolean endOfPage, String cursor, PageCounts page,
                     Instant newestEventAt) {
        Counts counts = page.total();
        List<Object> parameters = new ArrayList<>();
        if (endOfPage) {
            parameters.add(cursor);
        }
        parameters.addAll(Arrays.asList(counts.seen(), counts.changed(), counts.skipped(), counts.failed(),
                page.remaining()));
        String sql = "update connection_sync set " + (endOfPage ? "sync_cursor = ?, pages = pages + 1, " : "")
                + "records_seen = records_seen + ?, records_changed = records_changed + ?, "
                + "records_skipped = records_skipped + ?, records_failed = records_failed + ?, records_remaining = ?";
        if (newestEventAt != null) {
            sql += ", last_cursor_at = case when last_cursor_at is null or last_cursor_at < ? then ? "
                    + "else last_cursor_at end";
            parameters.add(newestEventAt);
            parameters.add(newestEventAt);
        }
        parameters.add(connectionId);
        parameters.add(owner);
        int updated = jdbc.update(sql + " where workspace_id = :workspace and connection_id = ? and lease_owner = ?",
                parameters.toArray());
        if (updated == 1) {
            page.byEntity().forEach((entity, added) -> addToEntity(connectionId, entity, added));
        }
    }

    private void addToEntity(String connectionId, SyncEntity entity, Counts added) {
        int updated = jdbc.update("update connection_sync_entity set records_seen = records_seen + ?, "
                + "records_changed = records_changed + ?, records_skipped = records_skipped + ?, "
                + "records_failed = records_failed + ? where workspace_id = :workspace and connection_id = ? "
                + "and entity = ?", added.seen(), added.changed(), added.skipped(), added.failed(), connectionId,
                entity.name());
        if (updated == 0) {
            jdbc.update("insert into connection_sync_entity (connection_id, workspace_id, entity, records_seen, "
                    + "records_changed, records_skipped, records_failed) values (?, :workspace, ?, ?, ?, ?, ?)",
                    connectionId, entity.name(), added.seen(), added.changed(), added.skipped(), added.failed());
        }
    }

    /**
     * The run read to the end of the stream: the sync rests until {@code now + interval}, and the next run goes on
     * from the cursor where this one ended. An incremental run is a reconciliation: what it handed on is the drift
     * it found (changes and deletions apart); a full run leaves the last reconciliation's figures as they were.
     */
    public void finish(String connectionId, String owner, Duration interval, Instant now) {
        long deleted = jdbc.first("select records_changed from connection_sync_entity where workspace_id = :workspace "
                + "and connection_id = ? and entity = ?", row -> row.getLong(1), connectionId,
                SyncEntity.DELETIONS.name()).orElse(0L);
        jdbc.update("update connection_sync set phase = ?, in_run = false, full_run = false, interval_seconds = ?, "
                + "next_run_at = ?, lease_owner = null, lease_expires_at = null, finished_at = ?, last_error = null, "
                + "records_remaining = null, "
                + "reconciled_at = case when full_run then reconciled_at else ? end, "
                + "drift_changed = case when full_run then drift_changed else records_changed - ? end, "
                + "drift_deleted = case when full_run then drift_deleted else ? end "
                + "where workspace_id = :workspace and connection_id = ? and lease_owner = ?", SyncPhase.IDLE.name(),
                interval.toSeconds(), now.plus(interval), now, now, deleted, deleted, connectionId, owner);
    }

    /**
     * The attempt failed: the lease is given up and the run, cursor kept, is tried again at {@code retryAt}.
     * {@code error} must hold no personal data; it is cut to {@link #ERROR_LIMIT}.
     */
    public boolean fail(String connectionId, String owner, String error, Instant retryAt) {
        String bounded = error == null ? "unknown error" : error.length() > ERROR_LIMIT
                ? error.substring(0, ERROR_LIMIT) : error;
        return jdbc.update("update connection_sync set phase = ?, lease_owner = null, lease_expires_at = null, "
                + "last_error = ?, next_run_at = ? where workspace_id = :workspace and connection_id = ? "
                + "and lease_owner = ?", SyncPhase.FAILED.name(), bounded, retryAt, connectionId, owner) == 1;
    }

    /** Gives the run back unfinished (this node stops): any node may resume it from {@code now}. */
    public void release(String connectionId, String owner, Instant now) {
        jdbc.update("update connection_sync set phase = ?, lease_owner = null, lease_expires_at = null, "
                + "next_run_at = ? where workspace_id = :workspace and connection_id = ? and lease_owner = ? "
                + "and phase = 'RUNNING'", SyncPhase.IDLE.name(), now, connectionId, owner);
    }

    /** Stops the sync, a run under way included (at its next page); the cursor is kept. False when unknown. */
    public boolean pause(String connectionId) {
        return jdbc.update("update connection_sync set phase = ?, lease_owner = null, lease_expires_at = null "
                + "where workspace_id = :workspace and connection_id = ?", SyncPhase.PAUSED.name(), connectionId) == 1;
    }

    /** A paused sync is due again at once, resuming an unfinished run. False when it was not paused. */
    public boolean resume(String connectionId, Instant now) {
        return jdbc.update("update connection_sync set phase = ?, next_run_at = ? where workspace_id = :workspace "
                + "and connection_id = ? and phase = ?", SyncPhase.IDLE.name(), now, connectionId,
                SyncPhase.PAUSED.name()) == 1;
    }

    /**
     * Makes the sync due now, paused or not. A full run starts afresh from the beginning of the stream: a run under
     * way on any node loses its lease and stops at its next page. An incremental request leaves a running run alone.
     */
    public boolean runNow(String connectionId, boolean full, Instant now) {
        if (full) {
            return jdbc.update("update connection_sync set phase = ?, sync_cursor = null, in_run = false, "
                    + "full_run = true, lease_owner = null, lease_expires_at = null, next_run_at = ? "
                    + "where workspace_id = :workspace and connection_id = ?", SyncPhase.IDLE.name(), now,
                    connectionId) == 1;
        }
        return jdbc.update("update connection_sync set phase = ?, next_run_at = ? where workspace_id = :workspace "
                + "and connection_id = ? and phase <> 'RUNNING'", SyncPhase.IDLE.name(), now, connectionId) == 1
                || find(connectionId).isPresent();
    }

    /** What a page, or a run, did with its records. */
    public record Counts(long seen, long changed, long skipped, long failed) {

        public static final Counts NONE = new Counts(0, 0, 0, 0);

        public Counts plus(Counts other) {
            return new Counts(seen + other.seen, changed + other.changed, skipped + other.skipped,
                    failed + other.failed);
        }
    }

    /**
     * What one page did with its records, per entity (an entity the page had no record of is absent), and what the
     * source says is left to read after it (null when it does not say).
     */
    public record PageCounts(Map<SyncEntity, Counts> byEntity, Long remaining) {

        public PageCounts {
            Map<SyncEntity, Counts> copy = new EnumMap<>(SyncEntity.class);
            copy.putAll(byEntity);
            byEntity = Collections.unmodifiableMap(copy);
        }

        public Counts total() {
            return byEntity.values().stream().reduce(Counts.NONE, Counts::plus);
        }

        /** These counts and {@code later}'s, with {@code later}'s estimate of what is left. */
        public PageCounts plus(PageCounts later) {
            Map<SyncEntity, Counts> sum = new EnumMap<>(SyncEntity.class);
            sum.putAll(byEntity);
            later.byEntity().forEach((entity, counts) -> sum.merge(entity, counts, Counts::plus));
            return new PageCounts(sum, later.remaining());
        }
    }

    private record EntityCounts(SyncEntity entity, Counts counts) {
    }

    private static Map<SyncEntity, Counts> entities(List<EntityCounts> rows) {
        Map<SyncEntity, Counts> byEntity = new EnumMap<>(SyncEntity.class);
        rows.forEach(row -> byEntity.put(row.entity(), row.counts()));
        return byEntity;
    }

    private static EntityCounts readEntity(ResultSet row) throws SQLException {
        return new EntityCounts(SyncEntity.valueOf(row.getString("entity")), new Counts(row.getLong("records_seen"),
                row.getLong("records_changed"), row.getLong("records_skipped"), row.getLong("records_failed")));
    }

    /** A nullable count: JDBC reads SQL null as 0. */
    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static SyncState read(ResultSet row) throws SQLException {
        return new SyncState(row.getString("connection_id"), row.getString("workspace_id"),
                SyncPhase.valueOf(row.getString("phase")), row.getString("sync_cursor"), row.getBoolean("in_run"),
                row.getBoolean("full_run"), row.getLong("run_number"),
                Duration.ofSeconds(row.getLong("interval_seconds")), Jdbc.instant(row.getTimestamp("next_run_at")),
                row.getString("lease_owner"), Jdbc.instant(row.getTimestamp("lease_expires_at")),
                row.getLong("pages"), row.getLong("records_seen"), row.getLong("records_changed"),
                row.getLong("records_skipped"), row.getLong("records_failed"),
                Jdbc.instant(row.getTimestamp("started_at")), Jdbc.instant(row.getTimestamp("finished_at")),
                row.getString("last_error"), Jdbc.instant(row.getTimestamp("last_cursor_at")), Map.of(),
                nullableLong(row, "records_remaining"), Jdbc.instant(row.getTimestamp("reconciled_at")),
                nullableLong(row, "drift_changed"), nullableLong(row, "drift_deleted"));
    }
}
