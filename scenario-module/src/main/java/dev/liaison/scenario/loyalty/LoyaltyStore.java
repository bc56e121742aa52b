package dev.liaison.scenario.loyalty;

import dev.liaison.platform.sql.Jdbc;
import dev.liaison.platform.sql.WorkspaceJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The loyalty tables in plain JDBC, scoped to the current workspace through {@link WorkspaceJdbc} except where a
 * method says it looks at all of them (the expiry and tier-review jobs, which then work in the found row's
 * workspace). Inside a container transaction every call gets the transaction's connection, so a lock taken by
 * {@link #lockAccount} holds until the transaction ends.
 */
@ApplicationScoped
public class LoyaltyStore {

    /** A profile's derived loyalty state; {@code tierReviewAt} is when the rolling window next drops points. */
    public record Account(String profileId, String workspaceId, long balance, String tier, Instant tierSince,
                          Instant tierReviewAt) {
    }

    /** What is left of an earn entry. */
    public record Lot(long entryId, String profileId, long remaining, Instant expiresAt) {
    }

    /** A profile some job has work for, in its workspace. */
    public record Due(String workspaceId, String profileId) {
    }

    /** A stored tier change. */
    public record TierChange(String from, String to, long qualifyingPoints, Instant at) {
    }

    /** The figures of {@link LoyaltyStanding} as stored; {@code tier} is {@code null} for a profile with no account. */
    public record Standing(long balance, String tier, long qualifyingPoints, long expiringPoints,
                           Instant nextExpiry) {
    }

    /** What {@link #earnedSince} found: the points and the oldest entry among them ({@code null} when none). */
    public record Earned(long points, Instant oldest) {
    }

    /** What the earning rules made of one won deal. */
    public record Trace(String connectionId, String dealId, Long inboxEntryId, String profileId, String outcome,
                        long points, String detail, Instant createdAt) {
    }

    private static final String ACCOUNT_COLUMNS = "profile_id, workspace_id, balance, tier, tier_since, tier_review_at";
    private static final String ENTRY_COLUMNS = "id, profile_id, kind, points, source_key, rule_name, source_amount, "
            + "source_currency, source_connection, source_ref, inbox_entry_id, inbox_seq, expired_entry_id, reason, "
            + "occurred_at, expires_at, recorded_at";
    private static final String INSERT_ENTRY = "insert into loyalty_entry (workspace_id, profile_id, kind, points, "
            + "source_key, rule_name, source_amount, source_currency, source_connection, source_ref, inbox_entry_id, "
            + "inbox_seq, expired_entry_id, reason, occurred_at, expires_at, recorded_at) "
            + "values (:workspace, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int TEXT_LIMIT = 4000;

    private final DataSource dataSource;
    private final WorkspaceJdbc jdbc;
    /** Only for finding due work, which the jobs look for in every workspace and then do in the row's. */
    private final Jdbc everyWorkspace;

    @Inject
    public LoyaltyStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new WorkspaceJdbc(dataSource);
        this.everyWorkspace = new Jdbc(dataSource);
    }

    /** For the CDI client proxy only. */
    protected LoyaltyStore() {
        this(null);
    }

    /**
     * Creates the profile's account unless it exists. Two transactions creating the same account both go on: on
     * PostgreSQL the loser's insert does nothing, on H2 its duplicate-key error is swallowed (H2 undoes only the
     * failed statement, PostgreSQL would abort the whole transaction, hence the two ways). Profile ids are unique
     * across workspaces, so whether the account exists is asked of the key alone.
     */
    public void ensureAccount(String profileId, String baseTier, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            String insert = "insert into loyalty_account (profile_id, workspace_id, balance, tier, tier_since, "
                    + "updated_at) ";
            String sql = postgres
                    ? insert + "values (?, :workspace, 0, ?, ?, ?) on conflict (profile_id) do nothing"
                    : insert + "select ?, :workspace, 0, ?, ?, ? where not exists (select 1 from loyalty_account "
                            + "where profile_id = ?)";
            Object[] parameters = postgres
                    ? new Object[] {profileId, baseTier, now, now}
                    : new Object[] {profileId, baseTier, now, now, profileId};
            try (PreparedStatement statement = WorkspaceJdbc.prepare(connection, sql, parameters)) {
                statement.executeUpdate();
            } catch (SQLException e) {
                if (postgres || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /**
     * Locks the profile's account for the rest of the transaction. With {@code skipLocked} an account another
     * transaction holds reads as absent instead of being waited for.
     */
    public Optional<Account> lockAccount(String profileId, boolean skipLocked) {
        return jdbc.first("select " + ACCOUNT_COLUMNS + " from loyalty_account where workspace_id = :workspace "
                + "and profile_id = ? for update" + (skipLocked ? " skip locked" : ""), LoyaltyStore::account,
                profileId);
    }

    /**
     * {@link #ensureAccount} and {@link #lockAccount} in one: the profile's account, created with the base tier when
     * it has none, locked for the rest of the transaction. On PostgreSQL that is one statement (an upsert whose
     * conflict arm locks the existing row and changes nothing); on H2 the two calls.
     */
    public Account openAccount(String profileId, String baseTier, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            if (!postgres(connection)) {
                ensureAccount(profileId, baseTier, now);
                return lockAccount(profileId, false).orElseThrow();
            }
            try (PreparedStatement statement = WorkspaceJdbc.prepare(connection, "insert into loyalty_account "
                    + "(profile_id, workspace_id, balance, tier, tier_since, updated_at) values (?, :workspace, 0, ?, "
                    + "?, ?) on conflict (profile_id) do update set updated_at = loyalty_account.updated_at "
                    + "where loyalty_account.workspace_id = excluded.workspace_id returning " + ACCOUNT_COLUMNS,
                    profileId, baseTier, now, now);
                 ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("store: the profile's account is in another workspace");
                }
                return account(row);
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    public Optional<Account> account(String profileId) {
        return jdbc.first("select " + ACCOUNT_COLUMNS + " from loyalty_account where workspace_id = :workspace "
                + "and profile_id = ?", LoyaltyStore::account, profileId);
    }

    public void updateAccount(Account account, Instant now) {
        jdbc.update("update loyalty_account set balance = ?, tier = ?, tier_since = ?, tier_review_at = ?, "
                + "updated_at = ? where workspace_id = :workspace and profile_id = ?", account.balance(),
                account.tier(), account.tierSince(), account.tierReviewAt(), now, account.profileId());
    }

    public Optional<LedgerEntry> findBySource(String sourceKey) {
        return jdbc.first("select " + ENTRY_COLUMNS + " from loyalty_entry where workspace_id = :workspace "
                + "and source_key = ?", LoyaltyStore::entry, sourceKey);
    }

    /**
     * Appends an earn entry and opens its lot, unless an entry with its source key exists; returns the new entry's
     * id, empty when the key was taken. On PostgreSQL that is one statement, and a concurrent insert of the same key
     * waits for the other transaction and then inserts nothing; on H2 it is {@link #findBySource}, {@link #append}
     * and {@link #openLot}.
     */
    public Optional<Long> appendEarnUnlessRecorded(LedgerEntry earn) {
        if (earn.kind() != EntryKind.EARN) {
            throw new IllegalArgumentException("only an earn entry opens a lot");
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!postgres(connection)) {
                if (findBySource(earn.sourceKey()).isPresent()) {
                    return Optional.empty();
                }
                long id = append(earn);
                openLot(id, earn.profileId(), earn.points(), earn.expiresAt());
                return Optional.of(id);
            }
            Object[] entry = entryParameters(earn);
            Object[] parameters = Arrays.copyOf(entry, entry.length + 3);
            parameters[entry.length] = earn.profileId();
            parameters[entry.length + 1] = earn.points();
            parameters[entry.length + 2] = earn.expiresAt();
            try (PreparedStatement statement = WorkspaceJdbc.prepare(connection, "with entry as (" + INSERT_ENTRY
                    + " on conflict (workspace_id, source_key) do nothing returning id) insert into loyalty_lot "
                    + "(entry_id, workspace_id, profile_id, remaining, expires_at) select id, :workspace, ?, ?, ? "
                    + "from entry returning entry_id", parameters);
                 ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Appends an entry and returns its id. */
    public long append(LedgerEntry entry) {
        return jdbc.insert(INSERT_ENTRY, entryParameters(entry));
    }

    private static Object[] entryParameters(LedgerEntry entry) {
        return new Object[] {entry.profileId(), entry.kind().name(), entry.points(), entry.sourceKey(),
            entry.ruleName(), entry.sourceAmount(), entry.sourceCurrency(), entry.sourceConnection(), entry.sourceRef(),
            entry.inboxEntryId(), entry.inboxSeq(), entry.expiredEntryId(), entry.reason(), entry.occurredAt(),
            entry.expiresAt(), entry.recordedAt()};
    }

    public void openLot(long entryId, String profileId, long points, Instant expiresAt) {
        jdbc.update("insert into loyalty_lot (entry_id, workspace_id, profile_id, remaining, expires_at) "
                + "values (?, :workspace, ?, ?, ?)", entryId, profileId, points, expiresAt);
    }

    /**
     * The profile's lots that may still be spent at {@code now}, the one that expires first first. A lot is spent up
     * to the instant before its expiry: at {@code expires_at} itself it is expired, whether or not the expiry job has
     * closed it yet.
     */
    public List<Lot> spendableLots(String profileId, Instant now) {
        return lots("expires_at > ?", profileId, now);
    }

    /** The profile's lots that expire after {@code now} and by {@code horizon}: its points expiring soon. */
    public List<Lot> expiringLots(String profileId, Instant now, Instant horizon) {
        return lots("expires_at > ? and expires_at <= ?", profileId, now, horizon);
    }

    /** The profile's lots whose expiry has passed at {@code now} and that the expiry job has yet to close. */
    public List<Lot> expiredLots(String profileId, Instant now) {
        return lots("expires_at <= ?", profileId, now);
    }

    /** The profile's lots whose expiry meets the condition, the one that expires first first. */
    private List<Lot> lots(String expiryCondition, Object... profileAndBounds) {
        return jdbc.query("select entry_id, profile_id, remaining, expires_at from loyalty_lot "
                + "where workspace_id = :workspace and profile_id = ? and " + expiryCondition
                + " order by expires_at, entry_id", LoyaltyStore::lot, profileAndBounds);
    }

    /**
     * What is left of the profile's lots whose expiry has passed at {@code now}: points the stored balance still
     * holds until the expiry job closes them, and that no one may spend or see in the balance meanwhile.
     */
    public long expiredRemaining(String profileId, Instant now) {
        return jdbc.query("select coalesce(sum(remaining), 0) from loyalty_lot where workspace_id = :workspace "
                + "and profile_id = ? and expires_at <= ?", row -> row.getLong(1), profileId, now).get(0);
    }

    /** Sets what is left of a lot, closing it at zero. */
    public void setRemaining(long entryId, long remaining) {
        if (remaining == 0) {
            jdbc.update("delete from loyalty_lot where workspace_id = :workspace and entry_id = ?", entryId);
        } else {
            jdbc.update("update loyalty_lot set remaining = ? where workspace_id = :workspace and entry_id = ?",
                    remaining, entryId);
        }
    }

    /**
     * Profiles with a lot due to expire, in every workspace, the longest overdue first: the expiry job serves all
     * workspaces and expires each profile's lots in that profile's workspace.
     */
    public List<Due> dueLots(Instant now, int limit) {
        return everyWorkspace.query("select workspace_id, profile_id from loyalty_lot where expires_at <= ? "
                + "order by expires_at, entry_id fetch first " + limit + " rows only",
                row -> new Due(row.getString(1), row.getString(2)), now);
    }

    /**
     * Accounts whose tier must be recomputed because points left the window, in every workspace: the review job
     * serves all workspaces and reviews each account in its own.
     */
    public List<Due> dueTierReviews(Instant now, int limit) {
        return everyWorkspace.query("select workspace_id, profile_id from loyalty_account where tier_review_at <= ? "
                + "order by tier_review_at, profile_id fetch first " + limit + " rows only",
                row -> new Due(row.getString(1), row.getString(2)), now);
    }

    /** Points earned by deals won after {@code from}: what counts towards the tier. */
    public long earnedAfter(String profileId, Instant from) {
        return jdbc.query("select coalesce(sum(points), 0) from loyalty_entry where workspace_id = :workspace "
                + "and profile_id = ? and kind = 'EARN' and occurred_at > ?", row -> row.getLong(1), profileId, from)
                .get(0);
    }

    /**
     * {@link #earnedAfter} and {@link #oldestEarnAfter} in one query: what counts towards the tier, and when the
     * oldest of it leaves the window.
     */
    public Earned earnedSince(String profileId, Instant from) {
        return jdbc.query("select coalesce(sum(points), 0), min(occurred_at) from loyalty_entry "
                + "where workspace_id = :workspace and profile_id = ? and kind = 'EARN' and occurred_at > ?",
                row -> new Earned(row.getLong(1), Jdbc.instant(row.getTimestamp(2))), profileId, from).get(0);
    }

    /**
     * A profile's balance at {@code now} (the stored balance less the lots already expired and not yet closed), tier,
     * points earned after {@code windowStart} and the points of the lots that expire after {@code now} and by
     * {@code horizon} with the first of their dates, in one query.
     */
    public Standing standing(String profileId, Instant now, Instant windowStart, Instant horizon) {
        return jdbc.query("select (select balance from loyalty_account where workspace_id = :workspace "
                + "and profile_id = ?) - (select coalesce(sum(remaining), 0) from loyalty_lot "
                + "where workspace_id = :workspace and profile_id = ? and expires_at <= ?), "
                + "(select tier from loyalty_account where workspace_id = :workspace "
                + "and profile_id = ?), (select coalesce(sum(points), 0) from loyalty_entry "
                + "where workspace_id = :workspace and profile_id = ? and kind = 'EARN' and occurred_at > ?), "
                + "(select coalesce(sum(remaining), 0) from loyalty_lot where workspace_id = :workspace "
                + "and profile_id = ? and expires_at > ? and expires_at <= ?), (select min(expires_at) from loyalty_lot "
                + "where workspace_id = :workspace and profile_id = ? and expires_at > ? and expires_at <= ?)",
                row -> new Standing(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4),
                        Jdbc.instant(row.getTimestamp(5))),
                profileId, profileId, now, profileId, profileId, windowStart, profileId, now, horizon, profileId, now,
                horizon).get(0);
    }

    /** The oldest earn entry after {@code from}: when it leaves the window, the tier may drop. */
    public Optional<Instant> oldestEarnAfter(String profileId, Instant from) {
        return jdbc.query("select min(occurred_at) from loyalty_entry where workspace_id = :workspace "
                + "and profile_id = ? and kind = 'EARN' and occurred_at > ?", row -> Jdbc.instant(row.getTimestamp(1)),
                profileId, from).stream().filter(found -> found != null).findFirst();
    }

    public void recordTierChange(String profileId, String from, String to, long qualifyingPoints, Instant at) {
        jdbc.update("insert into loyalty_tier_change (workspace_id, profile_id, from_tier, to_tier, qualifying_points, "
                + "changed_at) values (:workspace, ?, ?, ?, ?, ?)", profileId, from, to, qualifyingPoints, at);
    }

    public List<TierChange> tierChanges(String profileId) {
        return jdbc.query("select from_tier, to_tier, qualifying_points, changed_at from loyalty_tier_change "
                + "where workspace_id = :workspace and profile_id = ? order by id", row -> new TierChange(
                row.getString(1), row.getString(2), row.getLong(3), row.getTimestamp(4).toInstant()), profileId);
    }

    /** The newest first. */
    public List<LedgerEntry> recent(String profileId, int limit) {
        return jdbc.query("select " + ENTRY_COLUMNS + " from loyalty_entry where workspace_id = :workspace "
                + "and profile_id = ? order by id desc fetch first " + limit + " rows only", LoyaltyStore::entry,
                profileId);
    }

    public long ledgerSum(String profileId) {
        return jdbc.query("select coalesce(sum(points), 0) from loyalty_entry where workspace_id = :workspace "
                + "and profile_id = ?", row -> row.getLong(1), profileId).get(0);
    }

    public void trace(String connectionId, String dealId, Long inboxEntryId, String profileId, String outcome,
                      long points, String detail, Instant now) {
        jdbc.update("insert into loyalty_trace (workspace_id, connection_id, deal_id, inbox_entry_id, profile_id, "
                + "outcome, points, detail, created_at) values (:workspace, ?, ?, ?, ?, ?, ?, ?, ?)", connectionId,
                dealId, inboxEntryId, profileId, outcome, points,
                detail.length() <= TEXT_LIMIT ? detail : detail.substring(0, TEXT_LIMIT - 1) + "…", now);
    }

    /** The newest first. */
    public List<Trace> traces(String connectionId, String dealId) {
        return jdbc.query("select connection_id, deal_id, inbox_entry_id, profile_id, outcome, points, detail, "
                + "created_at from loyalty_trace where workspace_id = :workspace and connection_id = ? and deal_id = ? "
                + "order by id desc", row -> new Trace(row.getString(1), row.getString(2),
                (Long) row.getObject(3, Long.class), row.getString(4), row.getString(5), row.getLong(6),
                row.getString(7), row.getTimestamp(8).toInstant()), connectionId, dealId);
    }

    private static boolean postgres(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
                row.getTimestamp(5).toInstant(), Jdbc.instant(row.getTimestamp(6)));
    }

    private static Lot lot(ResultSet row) throws SQLException {
        return new Lot(row.getLong(1), row.getString(2), row.getLong(3), row.getTimestamp(4).toInstant());
    }

    private static LedgerEntry entry(ResultSet row) throws SQLException {
        BigDecimal amount = row.getBigDecimal("source_amount");
        return new LedgerEntry(row.getLong("id"), row.getString("profile_id"), EntryKind.valueOf(row.getString("kind")),
                row.getLong("points"), row.getString("source_key"), row.getString("rule_name"), amount,
                row.getString("source_currency"), row.getString("source_connection"), row.getString("source_ref"),
                row.getObject("inbox_entry_id", Long.class), row.getObject("inbox_seq", Integer.class),
                row.getObject("expired_entry_id", Long.class), row.getString("reason"),
                row.getTimestamp("occurred_at").toInstant(), Jdbc.instant(row.getTimestamp("expires_at")),
                row.getTimestamp("recorded_at").toInstant());
    }
}
