package dev.liaison.scenario.loyalty;

import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.scenario.routing.ConditionEvaluator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The points ledger's rules. Every change to a profile's points locks its account row first and decides under that
 * lock, so concurrent changes of one profile are serialised on every node: a redemption sees the balance the
 * previous one left and cannot overdraw, and an expiry sees whether another node already closed the lot. The unique
 * source key of each entry backs this up should a path ever skip the lock. After every change the tier is
 * recomputed, and a change of tier is recorded and fired as {@link TierChanged} in the same transaction.
 *
 * <p>Time is the injected clock's, and a lot is expired from its {@code expires_at} on whether or not the expiry job
 * has closed it yet: the stored balance keeps such a lot's points until the job takes them out, so every balance this
 * class answers or checks is the stored one less the expired lots, compared with the clock in SQL, and redemptions
 * spend only lots that expire after now. Points are earned at the deal's win, not when Liaison hears of it, so a deal
 * a sync imports or a webhook delivers late expires when it would have expired had it arrived at once.
 */
@ApplicationScoped
@Transactional
public class LoyaltyService {

    /** Outcomes in the loyalty trace of a won deal. */
    public static final String AWARDED = "AWARDED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String NOTHING_EARNED = "NOTHING_EARNED";
    public static final String NO_AMOUNT = "NO_AMOUNT";
    public static final String NO_CONTACT = "NO_CONTACT";
    public static final String UNKNOWN_CONTACT = "UNKNOWN_CONTACT";
    /** A rule would have earned more than {@link #POINTS_LIMIT} for one deal; nothing was awarded for it. */
    public static final String OVER_LIMIT = "OVER_LIMIT";

    /**
     * The most points one entry moves: what an adjustment or redemption may give or take, and what one rule may
     * earn for one won deal. A deal worth more is refused with a trace rather than capped: an amount that large is
     * far more likely a wrong amount or rate than a real purchase, and capping would still award a billion points
     * silently; an admin who finds it right awards it by adjustments.
     */
    public static final long POINTS_LIMIT = 1_000_000_000L;
    private static final BigDecimal POINTS_BOUND = BigDecimal.valueOf(POINTS_LIMIT);

    /** The result of a redemption or adjustment; {@code created} is false when the key replayed an earlier one. */
    public record Change(LedgerEntry entry, boolean created, long balance) {
    }

    private static final int CANDIDATES = 16;
    private static final int RECENT = 20;
    // Month arithmetic clamps at month ends, so "leaves the window" can land a day early; never review in a loop.
    private static final Duration MIN_REVIEW_DELAY = Duration.ofDays(1);

    private final LoyaltyStore store;
    private final LoyaltySettings settings;
    private final Event<TierChanged> tierChanged;
    private final Clock clock;

    @Inject
    public LoyaltyService(LoyaltyStore store, LoyaltySettings settings, Event<TierChanged> tierChanged, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.tierChanged = tierChanged;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected LoyaltyService() {
        this(null, null, null, null);
    }

    /**
     * Awards what the earning rules give for a won deal of a known profile, once per deal and rule however often the
     * deal is reported, and traces what each rule made of it. Returns the points awarded now, including points of a
     * deal so old that they were already expired: those are earned and expired at once, dated to the win and to their
     * expiry, so the ledger tells the deal's history and the balance never holds them.
     */
    public long award(WonDeal deal, String profileId, Map<String, String> profileAttributes) {
        Instant now = clock.instant();
        LoyaltyProgram program = settings.program();
        if (deal.amount() == null || deal.currency() == null) {
            store.trace(deal.connectionId(), deal.dealId(), deal.inboxEntryId(), profileId, NO_AMOUNT, 0,
                    "the deal has no amount or no currency", now);
            return 0;
        }
        store.ensureAccount(profileId, program.baseTier().name(), now);
        LoyaltyStore.Account account = store.lockAccount(profileId, false).orElseThrow();
        Map<String, Object> variables = variables(deal, profileId, profileAttributes, account.tier(),
                spendable(account, now));
        List<String> lines = new ArrayList<>();
        long awarded = 0;
        boolean duplicate = false;
        boolean overLimit = false;
        for (EarningRule rule : program.earning()) {
            String where = "rule '" + rule.name() + "': ";
            BigDecimal exact = rule.points(deal.amount(), deal.currency()).orElse(null);
            if (exact == null) {
                lines.add(where + "no rate for " + deal.currency());
                continue;
            }
            if (rule.condition() != null) {
                ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(rule.condition(), variables);
                if (!evaluation.matched()) {
                    lines.add(where + (evaluation.failure() != null ? evaluation.failure() : "condition is false")
                            + " " + evaluation.observed());
                    continue;
                }
            }
            if (exact.signum() <= 0) {
                lines.add(where + deal.amount().toPlainString() + " " + deal.currency() + " earns 0 points");
                continue;
            }
            if (exact.compareTo(POINTS_BOUND) > 0) {
                overLimit = true;
                lines.add(where + deal.amount().toPlainString() + " " + deal.currency() + " would earn more than "
                        + POINTS_LIMIT + " points, the most one deal may earn: nothing awarded");
                continue;
            }
            long points = exact.longValueExact();
            String key = "deal:" + deal.connectionId() + ":" + deal.dealId() + ":" + rule.name();
            if (store.findBySource(key).isPresent()) {
                duplicate = true;
                lines.add(where + "already awarded for this deal");
                continue;
            }
            Instant expiresAt = program.expiresAt(deal.occurredAt());
            long id = store.append(new LedgerEntry(0, profileId, EntryKind.EARN, points, key, rule.name(),
                    deal.amount(), deal.currency(), deal.connectionId(), deal.dealId(), deal.inboxEntryId(),
                    deal.inboxSeq(), null, "deal won", deal.occurredAt(), expiresAt, now));
            store.openLot(id, profileId, points, expiresAt);
            awarded += points;
            lines.add(where + "awarded " + points + " for " + deal.amount().toPlainString() + " " + deal.currency()
                    + (expiresAt.isAfter(now) ? "" : ", expired on " + expiresAt + " (won " + deal.occurredAt() + ")"));
        }
        // Closes what was born expired (and any other lot of the profile past its date) under the lock already held.
        long expired = expireDue(profileId, now);
        settle(account, account.balance() + awarded - expired, now);
        String outcome = awarded > 0 ? AWARDED : overLimit ? OVER_LIMIT : duplicate ? DUPLICATE : NOTHING_EARNED;
        store.trace(deal.connectionId(), deal.dealId(), deal.inboxEntryId(), profileId, outcome, awarded,
                lines.isEmpty() ? "the program has no earning rules" : String.join("; ", lines), now);
        return awarded;
    }

    /** Records that a won deal earned nothing because its contact is not a known profile. */
    public void unresolved(WonDeal deal, String outcome, String why) {
        store.trace(deal.connectionId(), deal.dealId(), deal.inboxEntryId(), null, outcome, 0, why, clock.instant());
    }

    /**
     * Points a scenario step gives (a first-deal bonus, say): an earn entry like a won deal's, so it counts towards
     * the tier and expires after the program's period. Idempotent by key: a repeated step finds its first entry.
     */
    public Change earn(String profileId, long points, String ruleName, String reason, String idempotencyKey) {
        if (points <= 0) {
            throw new IllegalArgumentException("an award takes a positive number of points");
        }
        Instant now = clock.instant();
        String key = "scenario:" + idempotencyKey;
        LoyaltyStore.Account account = store.openAccount(profileId, settings.program().baseTier().name(), now);
        long balance = spendable(account, now);
        Instant expiresAt = settings.program().expiresAt(now);
        LedgerEntry entry = new LedgerEntry(0, profileId, EntryKind.EARN, points, key, ruleName, null, null, null,
                null, null, null, null, reason, now, expiresAt, now);
        // Inserted under the account's lock unless the key is taken: a repeated step finds its first entry.
        Optional<Long> id = store.appendEarnUnlessRecorded(entry);
        if (id.isEmpty()) {
            return new Change(store.findBySource(key).orElseThrow(), false, balance);
        }
        settle(account, account.balance() + points, now);
        return new Change(entry.withId(id.get()), true, balance + points);
    }

    /**
     * Spends points; refused when the balance does not cover them. Idempotent by key: the same key with the same
     * points and profile answers the first redemption again.
     */
    public Change redeem(String profileId, long points, String reason, String idempotencyKey) throws LoyaltyRefusal {
        if (points <= 0) {
            throw new IllegalArgumentException("a redemption takes a positive number of points");
        }
        return debitOrCredit(profileId, EntryKind.REDEEM, -points, reason, "redeem:" + idempotencyKey);
    }

    /** A manual correction; a negative one is refused when the balance does not cover it. Idempotent by key. */
    public Change adjust(String profileId, long points, String reason, String idempotencyKey) throws LoyaltyRefusal {
        if (points == 0) {
            throw new IllegalArgumentException("an adjustment must not be zero");
        }
        return debitOrCredit(profileId, EntryKind.ADJUST, points, reason, "adjust:" + idempotencyKey);
    }

    private Change debitOrCredit(String profileId, EntryKind kind, long points, String reason, String key)
            throws LoyaltyRefusal {
        Instant now = clock.instant();
        if (points > 0) {
            store.ensureAccount(profileId, settings.program().baseTier().name(), now);
        }
        LoyaltyStore.Account account = store.lockAccount(profileId, false).orElse(null);
        long balance = account == null ? 0 : spendable(account, now);
        // Looked up under the lock: a concurrent request with the same key has either committed or not started.
        LedgerEntry earlier = store.findBySource(key).orElse(null);
        if (earlier != null) {
            if (earlier.profileId().equals(profileId) && earlier.kind() == kind && earlier.points() == points) {
                return new Change(earlier, false, balance);
            }
            throw new LoyaltyRefusal(LoyaltyRefusal.Reason.KEY_REUSED, balance,
                    "the idempotency key was already used for a different request");
        }
        if (points < 0 && balance < -points) {
            throw new LoyaltyRefusal(LoyaltyRefusal.Reason.INSUFFICIENT_POINTS, balance,
                    "the balance of " + balance + " points does not cover " + -points);
        }
        store.append(LedgerEntry.manual(profileId, kind, points, key, reason, now));
        if (points < 0) {
            spend(profileId, -points, now);
        }
        // The stored balance still holds the expired lots the expiry job has yet to close; it takes them out then.
        settle(account, account.balance() + points, now);
        return new Change(store.findBySource(key).orElseThrow(), true, balance + points);
    }

    /**
     * Takes points from the spendable lots that expire first; what they do not cover comes from adjustments. The
     * caller checked the points against the balance less the expired lots, so an expired lot is never touched.
     */
    private void spend(String profileId, long points, Instant now) {
        long left = points;
        for (LoyaltyStore.Lot lot : store.spendableLots(profileId, now)) {
            if (left == 0) {
                break;
            }
            long taken = Math.min(left, lot.remaining());
            store.setRemaining(lot.entryId(), lot.remaining() - taken);
            left -= taken;
        }
    }

    /**
     * Expires the due lots of one profile, in any workspace, and says whether it found one. An account another
     * node is working on is skipped, and a lot is re-read under the account's lock, so that each lot expires once.
     */
    public boolean expireNext() {
        Instant now = clock.instant();
        for (LoyaltyStore.Due due : new LinkedHashSet<>(store.dueLots(now, CANDIDATES))) {
            if (WorkspaceContext.call(due.workspaceId(), () -> expire(due.profileId(), now))) {
                return true;
            }
        }
        return false;
    }

    private boolean expire(String profileId, Instant now) {
        LoyaltyStore.Account account = store.lockAccount(profileId, true).orElse(null);
        if (account == null) {
            return false;
        }
        long expired = expireDue(profileId, now);
        if (expired == 0) {
            return false;
        }
        settle(account, account.balance() - expired, now);
        return true;
    }

    /**
     * Closes the profile's lots whose expiry has passed, each with an expire entry dated to its expiry, and returns
     * the points they held. The caller holds the account's lock and settles the balance.
     */
    private long expireDue(String profileId, Instant now) {
        long expired = 0;
        for (LoyaltyStore.Lot lot : store.expiredLots(profileId, now)) {
            String key = "expire:" + lot.entryId();
            if (store.findBySource(key).isEmpty()) {
                store.append(new LedgerEntry(0, profileId, EntryKind.EXPIRE, -lot.remaining(), key, null, null, null,
                        null, null, null, null, lot.entryId(), "expired after " + settings.program().expiry(),
                        lot.expiresAt(), null, now));
                expired += lot.remaining();
            }
            store.setRemaining(lot.entryId(), 0);
        }
        return expired;
    }

    /** What the profile may spend at {@code now}: the stored balance less the lots past their expiry. */
    private long spendable(LoyaltyStore.Account account, Instant now) {
        return account.balance() - store.expiredRemaining(account.profileId(), now);
    }

    /** Recomputes the tier of one account whose earned points left the rolling window; says whether it found one. */
    public boolean reviewNextTier() {
        Instant now = clock.instant();
        for (LoyaltyStore.Due due : store.dueTierReviews(now, CANDIDATES)) {
            boolean reviewed = WorkspaceContext.call(due.workspaceId(), () -> {
                LoyaltyStore.Account account = store.lockAccount(due.profileId(), true).orElse(null);
                if (account == null || account.tierReviewAt() == null || account.tierReviewAt().isAfter(now)) {
                    return false;
                }
                settle(account, account.balance(), now);
                return true;
            });
            if (reviewed) {
                return true;
            }
        }
        return false;
    }

    public LoyaltySummary summary(String profileId) {
        Instant now = clock.instant();
        LoyaltyProgram program = settings.program();
        Instant windowStart = program.windowStart(now);
        long qualifying = store.earnedAfter(profileId, windowStart);
        LoyaltyStore.Account account = store.account(profileId).orElse(null);
        String tier = account == null ? program.baseTier().name() : account.tier();
        Tier next = program.tiers().stream().filter(candidate -> candidate.threshold() > qualifying).findFirst()
                .orElse(null);
        List<LoyaltyStore.Lot> expiring = store.expiringLots(profileId, now, now.plus(settings.expiringSoon()));
        return new LoyaltySummary(profileId, account == null ? 0 : spendable(account, now), tier,
                account == null ? null : account.tierSince(), qualifying, windowStart, next, expiring,
                store.recent(profileId, RECENT));
    }

    /**
     * The figures of {@link #summary} that scenarios read, in one query and without the ledger lines: what a
     * condition or a text of a scenario sees as {@code loyalty}.
     */
    public LoyaltyStanding standing(String profileId) {
        Instant now = clock.instant();
        LoyaltyProgram program = settings.program();
        LoyaltyStore.Standing stored = store.standing(profileId, now, program.windowStart(now),
                now.plus(settings.expiringSoon()));
        Tier next = program.tiers().stream().filter(candidate -> candidate.threshold() > stored.qualifyingPoints())
                .findFirst().orElse(null);
        return new LoyaltyStanding(stored.balance(), stored.tier() == null ? program.baseTier().name() : stored.tier(),
                stored.qualifyingPoints(), stored.expiringPoints(), stored.nextExpiry(), next);
    }

    /** Stores the new balance and the tier the rolling window gives now, recording and firing a change of tier. */
    private void settle(LoyaltyStore.Account account, long balance, Instant now) {
        LoyaltyProgram program = settings.program();
        String profileId = account.profileId();
        Instant windowStart = program.windowStart(now);
        LoyaltyStore.Earned earned = store.earnedSince(profileId, windowStart);
        long qualifying = earned.points();
        Tier tier = program.tierFor(qualifying);
        Instant reviewAt = null;
        if (!tier.equals(program.baseTier())) {
            Instant leaves = earned.oldest() == null ? null : program.leavesWindow(earned.oldest());
            reviewAt = leaves == null || leaves.isAfter(now) ? leaves : now.plus(MIN_REVIEW_DELAY);
        }
        boolean changed = !tier.name().equals(account.tier());
        store.updateAccount(new LoyaltyStore.Account(profileId, account.workspaceId(), balance, tier.name(),
                changed ? now : account.tierSince(), reviewAt), now);
        if (changed) {
            store.recordTierChange(profileId, account.tier(), tier.name(), qualifying, now);
            tierChanged.fire(new TierChanged(profileId, account.tier(), tier.name(), now));
        }
    }

    private static Map<String, Object> variables(WonDeal deal, String profileId, Map<String, String> attributes,
                                                 String tier, long balance) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", profileId);
        profile.put("attributes", Collections.unmodifiableMap(new LinkedHashMap<>(attributes)));
        Map<String, Object> loyalty = new LinkedHashMap<>();
        loyalty.put("tier", tier);
        loyalty.put("balance", balance);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("deal", Collections.unmodifiableMap(deal.facts()));
        variables.put("profile", Collections.unmodifiableMap(profile));
        variables.put("loyalty", Collections.unmodifiableMap(loyalty));
        return variables;
    }
}
