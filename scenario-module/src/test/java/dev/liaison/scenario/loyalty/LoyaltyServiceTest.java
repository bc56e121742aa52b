package dev.liaison.scenario.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.scenario.testing.MutableClock;
import dev.liaison.scenario.testing.RecordingEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoyaltyServiceTest {

    private static final String PROGRAM = """
            earning:
              - name: won-deal
                trigger: deal.won
                points-per-unit: { RUB: 0.01, USD: 1 }
              - name: vip-bonus
                trigger: deal.won
                when: "profile.attributes.tier == 'VIP'"
                points-per-unit: { RUB: 0.001 }
            tiers:
              window: P365D
              levels:
                - { name: basic, threshold: 0 }
                - { name: silver, threshold: 100 }
                - { name: gold, threshold: 1000 }
            expiry:
              after: P12M
            """;
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final RecordingEvent<TierChanged> tierChanges = new RecordingEvent<>();
    private TestDatabase database;
    private LoyaltyStore store;
    private LoyaltyService loyalty;
    private int deals;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.migrated();
        store = new LoyaltyStore(database);
        loyalty = new LoyaltyService(store, new LoyaltySettings(LoyaltyProgram.parse(PROGRAM), Duration.ofDays(30)),
                tierChanges, clock);
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        WorkspaceContext.clear();
    }

    @Test
    void aWonDealEarnsOnceAndRaisesTheTier() throws Exception {
        String profile = profile();
        WonDeal deal = deal("15000", "RUB");

        assertThat(inTransaction(() -> loyalty.award(deal, profile, Map.of()))).isEqualTo(150);
        WonDeal redelivered = new WonDeal(deal.system(), deal.connectionId(), deal.dealId(), deal.pipeline(),
                deal.stage(), deal.amount(), deal.currency(), deal.occurredAt(), 99, 0);
        assertThat(inTransaction(() -> loyalty.award(redelivered, profile, Map.of()))).isZero();

        LoyaltySummary summary = loyalty.summary(profile);
        assertThat(summary.balance()).isEqualTo(150);
        assertThat(summary.tier()).isEqualTo("silver");
        assertThat(summary.nextTier()).isEqualTo(new Tier("gold", 1000));
        assertThat(summary.recent()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(EntryKind.EARN);
            assertThat(entry.sourceKey()).isEqualTo("deal:conn-1:" + deal.dealId() + ":won-deal");
            assertThat(entry.sourceAmount()).isEqualByComparingTo("15000");
            assertThat(entry.inboxEntryId()).isEqualTo(7L);
            assertThat(entry.expiresAt()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
        });
        assertThat(summary.expiringSoon()).isEmpty();
        assertThat(tierChanges.fired).containsExactly(new TierChanged(profile, "basic", "silver", START));
        assertThat(store.tierChanges(profile)).singleElement()
                .satisfies(change -> assertThat(change.qualifyingPoints()).isEqualTo(150));
        assertThat(store.traces("conn-1", deal.dealId())).extracting(LoyaltyStore.Trace::outcome)
                .containsExactly(LoyaltyService.DUPLICATE, LoyaltyService.AWARDED);
        assertThat(store.traces("conn-1", deal.dealId()).get(1).detail())
                .contains("rule 'won-deal': awarded 150").contains("rule 'vip-bonus': condition is false");
    }

    @Test
    void conditionsCurrenciesAndMissingAmountsAreTraced() throws Exception {
        String vip = profile();
        WonDeal big = deal("200000", "RUB");
        WonDeal euro = deal("100", "EUR");
        WonDeal noAmount = deal(null, null);

        assertThat(inTransaction(() -> loyalty.award(big, vip, Map.of("tier", "VIP")))).isEqualTo(2200);
        assertThat(inTransaction(() -> loyalty.award(euro, vip, Map.of()))).isZero();
        assertThat(inTransaction(() -> loyalty.award(noAmount, vip, Map.of()))).isZero();
        inTransaction(() -> {
            loyalty.unresolved(deal("1", "RUB"), LoyaltyService.UNKNOWN_CONTACT, "no profile");
            return null;
        });

        assertThat(loyalty.summary(vip).tier()).isEqualTo("gold");
        assertThat(tierChanges.fired).extracting(TierChanged::to).containsExactly("gold");
        assertThat(store.traces("conn-1", euro.dealId())).singleElement().satisfies(trace -> {
            assertThat(trace.outcome()).isEqualTo(LoyaltyService.NOTHING_EARNED);
            assertThat(trace.detail()).contains("no rate for EUR");
        });
        assertThat(store.traces("conn-1", noAmount.dealId())).extracting(LoyaltyStore.Trace::outcome)
                .containsExactly(LoyaltyService.NO_AMOUNT);
    }

    @Test
    void aDealThatWouldEarnMoreThanTheLimitEarnsNothingAndIsTraced() throws Exception {
        String profile = profile();
        WonDeal huge = deal("123456789012345.1234", "RUB");

        assertThat(inTransaction(() -> loyalty.award(huge, profile, Map.of()))).isZero();

        assertThat(loyalty.summary(profile).balance()).isZero();
        assertThat(store.traces("conn-1", huge.dealId())).singleElement().satisfies(trace -> {
            assertThat(trace.outcome()).isEqualTo(LoyaltyService.OVER_LIMIT);
            assertThat(trace.detail()).contains("would earn more than 1000000000 points");
        });
        // 1e11 roubles at 0.01 is exactly the limit, and is awarded.
        assertThat(inTransaction(() -> loyalty.award(deal("100000000000", "RUB"), profile, Map.of())))
                .isEqualTo(LoyaltyService.POINTS_LIMIT);
    }

    @Test
    void redemptionsRefuseOverdraftsAndAreIdempotentByKey() throws Exception {
        String profile = profile();
        inTransaction(() -> loyalty.award(deal("15000", "RUB"), profile, Map.of()));

        assertThatThrownBy(() -> redeem(profile, 151, "too-much")).isInstanceOfSatisfying(LoyaltyRefusal.class,
                refusal -> {
                    assertThat(refusal.reason()).isEqualTo(LoyaltyRefusal.Reason.INSUFFICIENT_POINTS);
                    assertThat(refusal.balance()).isEqualTo(150);
                });
        LoyaltyService.Change first = redeem(profile, 100, "gift");
        LoyaltyService.Change replay = redeem(profile, 100, "gift");
        assertThatThrownBy(() -> redeem(profile, 10, "gift")).isInstanceOfSatisfying(LoyaltyRefusal.class,
                refusal -> assertThat(refusal.reason()).isEqualTo(LoyaltyRefusal.Reason.KEY_REUSED));
        assertThatThrownBy(() -> redeem(profile(), 1, "any")).isInstanceOf(LoyaltyRefusal.class);

        assertThat(first.created()).isTrue();
        assertThat(first.balance()).isEqualTo(50);
        assertThat(replay.created()).isFalse();
        assertThat(replay.entry().id()).isEqualTo(first.entry().id());
        assertThat(loyalty.summary(profile).balance()).isEqualTo(50).isEqualTo(store.ledgerSum(profile));
        assertThat(store.spendableLots(profile, clock.instant())).singleElement().satisfies(lot -> assertThat(lot.remaining()).isEqualTo(50));
    }

    @Test
    void adjustmentsCreditAndDebitWithoutOverdrawing() throws Exception {
        String profile = profile();

        LoyaltyService.Change credit = inTransaction(() -> loyalty.adjust(profile, 40, "goodwill", "a-1"));
        assertThatThrownBy(() -> inTransaction(() -> loyalty.adjust(profile, -41, "correction", "a-2")))
                .isInstanceOf(LoyaltyRefusal.class);
        LoyaltyService.Change debit = inTransaction(() -> loyalty.adjust(profile, -30, "correction", "a-3"));

        assertThat(credit.balance()).isEqualTo(40);
        assertThat(debit.balance()).isEqualTo(10);
        assertThat(loyalty.summary(profile).tier()).as("adjustments do not count towards the tier").isEqualTo("basic");
        assertThat(store.recent(profile, 10)).extracting(LedgerEntry::kind, LedgerEntry::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EntryKind.ADJUST, -30L),
                        org.assertj.core.groups.Tuple.tuple(EntryKind.ADJUST, 40L));
    }

    @Test
    void concurrentRedemptionsNeverOverdraw() throws Exception {
        for (int round = 0; round < 10; round++) {
            String profile = profile();
            inTransaction(() -> loyalty.award(deal("15000", "RUB"), profile, Map.of()));
            List<Object> outcomes = concurrently(2, thread -> redeem(profile, 100, profile + "-" + thread));

            assertThat(outcomes).as(outcomes.toString()).filteredOn(LoyaltyService.Change.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(LoyaltyRefusal.class::isInstance).hasSize(1);
            assertThat(loyalty.summary(profile).balance()).isEqualTo(50).isEqualTo(store.ledgerSum(profile));
        }
    }

    @Test
    void concurrentRedemptionsWithOneKeyRedeemOnce() throws Exception {
        String profile = profile();
        inTransaction(() -> loyalty.award(deal("15000", "RUB"), profile, Map.of()));

        List<Object> outcomes = concurrently(2, thread -> redeem(profile, 60, "same-key"));

        assertThat(outcomes).allMatch(LoyaltyService.Change.class::isInstance);
        assertThat(outcomes).extracting(outcome -> ((LoyaltyService.Change) outcome).created())
                .containsExactlyInAnyOrder(true, false);
        assertThat(loyalty.summary(profile).balance()).isEqualTo(90);
    }

    @Test
    void aScenarioAwardIsIdempotentByKeyAndTheStandingAgreesWithTheSummary() throws Exception {
        String profile = profile();
        assertThat(loyalty.standing(profile)).as("no account yet")
                .isEqualTo(new LoyaltyStanding(0, "basic", 0, 0, null, loyalty.summary(profile).nextTier()));

        LoyaltyService.Change first = inTransaction(() -> loyalty.earn(profile, 150, "bonus", "first deal", "run/1"));
        LoyaltyService.Change again = inTransaction(() -> loyalty.earn(profile, 150, "bonus", "first deal", "run/1"));

        assertThat(first.created()).isTrue();
        assertThat(first.balance()).isEqualTo(150);
        assertThat(again.created()).isFalse();
        assertThat(again.balance()).isEqualTo(150);
        assertThat(again.entry()).isEqualTo(first.entry());
        assertThat(store.findBySource("scenario:run/1")).contains(first.entry());
        assertThat(tierChanges.fired).extracting(TierChanged::to).containsExactly("silver");

        clock.set(START.plus(Duration.ofDays(350)));
        LoyaltySummary summary = loyalty.summary(profile);
        LoyaltyStanding standing = loyalty.standing(profile);
        assertThat(standing.balance()).isEqualTo(summary.balance()).isEqualTo(150);
        assertThat(standing.tier()).isEqualTo(summary.tier()).isEqualTo("silver");
        assertThat(standing.qualifyingPoints()).isEqualTo(summary.qualifyingPoints()).isEqualTo(150);
        assertThat(standing.expiringPoints()).isEqualTo(150);
        assertThat(standing.nextExpiry()).isEqualTo(summary.expiringSoon().get(0).expiresAt());
        assertThat(standing.nextTier()).isEqualTo(summary.nextTier());
    }

    @Test
    void concurrentScenarioAwardsWithOneKeyAwardOnce() throws Exception {
        String profile = profile();

        List<Object> outcomes = concurrently(2, thread -> inTransaction(
                () -> loyalty.earn(profile, 40, "bonus", "once", "run/7")));

        assertThat(outcomes).allMatch(LoyaltyService.Change.class::isInstance);
        assertThat(outcomes).extracting(outcome -> ((LoyaltyService.Change) outcome).created())
                .containsExactlyInAnyOrder(true, false);
        assertThat(loyalty.summary(profile).balance()).isEqualTo(40).isEqualTo(store.ledgerSum(profile));
    }

    @Test
    void pointsExpireFirstInFirstOutAndTheTierFollowsTheWindow() throws Exception {
        String profile = profile();
        inTransaction(() -> loyalty.award(deal("15000", "RUB"), profile, Map.of()));
        clock.set(START.plus(Duration.ofDays(100)));
        inTransaction(() -> loyalty.award(deal("5000", "RUB"), profile, Map.of()));
        redeem(profile, 120, "gift");

        clock.set(Instant.parse("2027-02-15T00:00:00Z"));
        assertThat(loyalty.summary(profile).expiringSoon()).singleElement()
                .satisfies(lot -> assertThat(lot.remaining()).isEqualTo(30));
        clock.set(Instant.parse("2027-03-01T10:00:00Z"));
        assertThat(store.account(profile).orElseThrow().tierReviewAt()).isEqualTo(clock.instant());
        assertThat(inTransaction(loyalty::reviewNextTier)).isTrue();
        assertThat(loyalty.summary(profile).tier()).as("only the 50 of June remain in the window").isEqualTo("basic");
        assertThat(inTransaction(loyalty::reviewNextTier)).isFalse();
        assertThat(inTransaction(loyalty::expireNext)).isTrue();
        assertThat(inTransaction(loyalty::expireNext)).isFalse();

        assertThat(store.recent(profile, 1)).singleElement().satisfies(expiry -> {
            assertThat(expiry.kind()).isEqualTo(EntryKind.EXPIRE);
            assertThat(expiry.points()).as("what the redemption left of the first lot").isEqualTo(-30);
            assertThat(expiry.sourceKey()).isEqualTo("expire:" + expiry.expiredEntryId());
        });
        assertThat(loyalty.summary(profile).balance()).isEqualTo(50).isEqualTo(store.ledgerSum(profile));
        assertThat(tierChanges.fired).extracting(TierChanged::to).containsExactly("silver", "basic");
    }

    @Test
    void twoConcurrentExpiryRunsExpireEachLotOnce() throws Exception {
        List<String> profiles = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String profile = profile();
            profiles.add(profile);
            inTransaction(() -> loyalty.award(deal("15000", "RUB"), profile, Map.of()));
            inTransaction(() -> loyalty.award(deal("2000", "RUB"), profile, Map.of()));
        }
        clock.set(START.plus(Duration.ofDays(400)));

        List<Object> expired = concurrently(2, thread -> {
            int count = 0;
            while (inTransaction(loyalty::expireNext)) {
                count++;
            }
            return count;
        });
        while (inTransaction(loyalty::expireNext)) {
            expired.add(1);
        }

        assertThat(expired.stream().mapToInt(count -> (Integer) count).sum()).isEqualTo(profiles.size());
        assertThat(count("select count(*) from loyalty_entry where kind = 'EXPIRE'")).isEqualTo(80);
        assertThat(count("select count(*) from loyalty_entry e where kind = 'EARN' and 1 <> (select count(*) "
                + "from loyalty_entry x where x.expired_entry_id = e.id)")).isZero();
        assertThat(count("select count(*) from loyalty_lot")).isZero();
        for (String profile : profiles) {
            assertThat(loyalty.summary(profile).balance()).isZero();
            assertThat(store.ledgerSum(profile)).isZero();
        }
    }

    @Test
    void aDealWonEarlierAndHeardOfLateEarnsPointsDatedToItsWin() throws Exception {
        String profile = profile();
        Instant won = START.minus(Duration.ofDays(350));

        assertThat(inTransaction(() -> loyalty.award(wonAt(won, "15000"), profile, Map.of()))).isEqualTo(150);

        assertThat(store.recent(profile, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.occurredAt()).isEqualTo(won);
            assertThat(entry.expiresAt()).as("twelve months after the win, not after Liaison heard of it")
                    .isEqualTo(Instant.parse("2026-03-16T10:00:00Z"));
            assertThat(entry.recordedAt()).isEqualTo(START);
        });
        LoyaltySummary summary = loyalty.summary(profile);
        assertThat(summary.balance()).isEqualTo(150);
        assertThat(summary.tier()).as("the win is inside the rolling window").isEqualTo("silver");
        assertThat(summary.expiringSoon()).singleElement()
                .satisfies(lot -> assertThat(lot.expiresAt()).isEqualTo(Instant.parse("2026-03-16T10:00:00Z")));
        assertThat(store.account(profile).orElseThrow().tierReviewAt()).as("the win leaves the window 365 days on")
                .isEqualTo(won.plus(Duration.ofDays(365)));
    }

    @Test
    void aDealWonSoLongAgoThatItsPointsExpiredEarnsAnExpiredLotKeptForHistoryOnly() throws Exception {
        String profile = profile();
        Instant won = Instant.parse("2024-06-10T08:00:00Z");
        WonDeal old = wonAt(won, "15000");

        assertThat(inTransaction(() -> loyalty.award(old, profile, Map.of()))).isEqualTo(150);
        assertThat(inTransaction(() -> loyalty.award(old, profile, Map.of()))).as("still once per deal").isZero();

        assertThat(store.recent(profile, 10)).extracting(LedgerEntry::kind, LedgerEntry::points,
                LedgerEntry::occurredAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EntryKind.EXPIRE, -150L, Instant.parse("2025-06-10T08:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(EntryKind.EARN, 150L, won));
        LoyaltySummary summary = loyalty.summary(profile);
        assertThat(summary.balance()).isZero().isEqualTo(store.ledgerSum(profile));
        assertThat(summary.expiringSoon()).isEmpty();
        assertThat(summary.tier()).as("won before the rolling window").isEqualTo("basic");
        assertThat(loyalty.standing(profile).balance()).isZero();
        assertThat(store.traces("conn-1", old.dealId()).get(1).detail())
                .contains("awarded 150").contains("expired on 2025-06-10T08:00:00Z (won 2024-06-10T08:00:00Z)");
        assertThatThrownBy(() -> redeem(profile, 1, "old")).isInstanceOfSatisfying(LoyaltyRefusal.class,
                refusal -> assertThat(refusal.balance()).isZero());
        assertThat(inTransaction(loyalty::expireNext)).as("nothing left for the expiry job").isFalse();
        assertThat(tierChanges.fired).isEmpty();
    }

    @Test
    void aLotPastItsExpiryIsNeitherSpentNorCountedNorListedBeforeTheExpiryJobRuns() throws Exception {
        String profile = profile();
        inTransaction(() -> loyalty.award(deal("15000", "RUB"), profile, Map.of()));
        clock.set(START.plus(Duration.ofDays(100)));
        inTransaction(() -> loyalty.award(deal("5000", "RUB"), profile, Map.of()));
        inTransaction(() -> loyalty.adjust(profile, 20, "goodwill", "a-1"));

        clock.set(Instant.parse("2027-03-02T00:00:00Z"));
        assertThat(store.expiredLots(profile, clock.instant())).as("the expiry job has not run").hasSize(1);
        LoyaltySummary summary = loyalty.summary(profile);
        assertThat(summary.balance()).as("the 50 of June and the adjustment").isEqualTo(70);
        assertThat(summary.expiringSoon()).isEmpty();
        LoyaltyStanding standing = loyalty.standing(profile);
        assertThat(standing.balance()).isEqualTo(70);
        assertThat(standing.expiringPoints()).isZero();
        assertThat(standing.nextExpiry()).isNull();

        assertThatThrownBy(() -> redeem(profile, 71, "too-much")).isInstanceOfSatisfying(LoyaltyRefusal.class,
                refusal -> assertThat(refusal.balance()).isEqualTo(70));
        LoyaltyService.Change redeemed = redeem(profile, 60, "gift");
        assertThat(redeemed.balance()).isEqualTo(10);
        assertThat(store.spendableLots(profile, clock.instant())).as("the June lot, spent first").isEmpty();
        assertThat(store.expiredRemaining(profile, clock.instant())).as("the expired lot untouched").isEqualTo(150);
        LoyaltyService.Change credited = inTransaction(() -> loyalty.earn(profile, 5, "bonus", "late", "run/9"));
        assertThat(credited.balance()).isEqualTo(15);

        assertThat(inTransaction(loyalty::expireNext)).isTrue();
        assertThat(store.recent(profile, 1)).singleElement()
                .satisfies(expiry -> assertThat(expiry.points()).as("all of the first lot").isEqualTo(-150));
        assertThat(loyalty.summary(profile).balance()).isEqualTo(15).isEqualTo(store.ledgerSum(profile));
    }

    @Test
    void aLotIsSpendableUntilTheInstantBeforeItsExpiryAndExpiredAtIt() throws Exception {
        String profile = profile();
        inTransaction(() -> loyalty.award(deal("15000", "RUB"), profile, Map.of()));
        Instant expiry = Instant.parse("2027-03-01T10:00:00Z");

        clock.set(expiry.minusNanos(1000));
        assertThat(loyalty.summary(profile).balance()).isEqualTo(150);
        assertThat(loyalty.summary(profile).expiringSoon()).hasSize(1);
        assertThat(loyalty.standing(profile).expiringPoints()).isEqualTo(150);
        assertThat(inTransaction(loyalty::expireNext)).isFalse();

        clock.set(expiry);
        assertThat(loyalty.summary(profile).balance()).isZero();
        assertThat(loyalty.summary(profile).expiringSoon()).isEmpty();
        assertThat(loyalty.standing(profile).balance()).isZero();
        assertThat(loyalty.standing(profile).expiringPoints()).isZero();
        assertThatThrownBy(() -> redeem(profile, 1, "at-expiry")).isInstanceOf(LoyaltyRefusal.class);
        WonDeal wonAtItsExpiry = wonAt(expiry.atOffset(java.time.ZoneOffset.UTC).minusMonths(12).toInstant(), "100");
        assertThat(inTransaction(() -> loyalty.award(wonAtItsExpiry, profile, Map.of())))
                .as("a deal whose points expire exactly now also sweeps the lot that expired with it").isEqualTo(1);
        assertThat(store.spendableLots(profile, expiry)).isEmpty();
        assertThat(store.expiredLots(profile, expiry)).isEmpty();
        assertThat(loyalty.summary(profile).balance()).isZero().isEqualTo(store.ledgerSum(profile));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    private interface ThreadWork {
        Object run(int thread) throws Exception;
    }

    private <T> T inTransaction(Work<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        database.inTransaction(() -> result.set(work.run()));
        return result.get();
    }

    private LoyaltyService.Change redeem(String profile, long points, String key) throws Exception {
        return inTransaction(() -> loyalty.redeem(profile, points, "gift", key));
    }

    /** Runs the work on that many threads released together; each result is the value or the exception. */
    private static List<Object> concurrently(int threads, ThreadWork work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(executor.submit(() -> {
                    WorkspaceContext.enter(WorkspaceContext.DEFAULT);
                    try {
                        start.await();
                        return work.run(thread);
                    } catch (LoyaltyRefusal refusal) {
                        return refusal;
                    } finally {
                        WorkspaceContext.clear();
                    }
                }));
            }
            List<Object> results = new CopyOnWriteArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private String profile() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into profile (id, workspace_id, status, "
                     + "created_at, updated_at, version) values (?, 'default', 'ACTIVE', ?, ?, 0)")) {
            insert.setString(1, id);
            insert.setTimestamp(2, Timestamp.from(START));
            insert.setTimestamp(3, Timestamp.from(START));
            insert.executeUpdate();
        }
        return id;
    }

    private WonDeal deal(String amount, String currency) {
        return wonAt(clock.instant(), amount, currency);
    }

    /** A rouble deal the CRM won at {@code won}, whatever the clock says now. */
    private WonDeal wonAt(Instant won, String roubles) {
        return wonAt(won, roubles, "RUB");
    }

    private WonDeal wonAt(Instant won, String amount, String currency) {
        deals++;
        return new WonDeal("webhook", "conn-1", "deal-" + deals + "-" + UUID.randomUUID(), "sales", "won",
                amount == null ? null : new BigDecimal(amount), currency, won, 7, 0);
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
