package dev.liaison.scenario.loyalty;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static dev.liaison.platform.testing.TwoWorkspaces.TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.liaison.platform.testing.TwoWorkspaces;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The loyalty store against two workspaces, each with one member who earned points under the same source key: each
 * call sees and changes its own workspace's rows only, even when it names the other's profile or entry. Only the
 * expiry and tier-review finders look at both.
 */
class WorkspaceIsolationTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant EXPIRY = NOW.plus(Duration.ofDays(365));

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final LoyaltyStore store = new LoyaltyStore(workspaces.database());
    private final String memberOfOne = workspaces.profile(ONE);
    private final String memberOfTwo = workspaces.profile(TWO);

    @Test
    void accountsAreReadAndUpdatedInTheirOwnWorkspaceOnly() {
        WorkspaceContext.run(ONE, () -> store.ensureAccount(memberOfOne, "basic", NOW));
        WorkspaceContext.run(TWO, () -> store.ensureAccount(memberOfTwo, "basic", NOW));
        LoyaltyStore.Account ofTwo = in(TWO, () -> store.account(memberOfTwo)).orElseThrow();

        WorkspaceContext.run(ONE, () -> store.updateAccount(new LoyaltyStore.Account(memberOfTwo, TWO, 500, "gold",
                NOW, null), NOW));

        assertThat(workspaces.rowsPerWorkspace("loyalty_account")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(in(ONE, () -> store.account(memberOfTwo))).isEmpty();
        assertThat(in(ONE, () -> store.lockAccount(memberOfTwo, true))).isEmpty();
        assertThat(in(TWO, () -> store.account(memberOfTwo))).contains(ofTwo);
        assertThat(in(ONE, () -> store.account(memberOfOne))).get().extracting(LoyaltyStore.Account::workspaceId)
                .isEqualTo(ONE);
    }

    @Test
    void theLedgerAndItsLotsAreSeenAndChangedInTheirOwnWorkspaceOnly() {
        long earnedInOne = in(ONE, () -> earn(memberOfOne, 100));
        long earnedInTwo = in(TWO, () -> earn(memberOfTwo, 7));

        assertThat(workspaces.rowsPerWorkspace("loyalty_entry")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(in(ONE, () -> store.findBySource("deal:1"))).get().extracting(LedgerEntry::points).isEqualTo(100L);
        assertThat(in(TWO, () -> store.findBySource("deal:1"))).get().extracting(LedgerEntry::points).isEqualTo(7L);
        assertThat(in(ONE, () -> store.ledgerSum(memberOfTwo))).isZero();
        assertThat(in(ONE, () -> store.earnedAfter(memberOfTwo, NOW.minusSeconds(60)))).isZero();
        assertThat(in(ONE, () -> store.oldestEarnAfter(memberOfTwo, NOW.minusSeconds(60)))).isEmpty();
        assertThat(in(ONE, () -> store.recent(memberOfTwo, 10))).isEmpty();
        assertThat(in(ONE, () -> store.spendableLots(memberOfTwo, NOW))).isEmpty();
        assertThat(in(TWO, () -> store.earnedAfter(memberOfTwo, NOW.minusSeconds(60)))).isEqualTo(7);

        WorkspaceContext.run(ONE, () -> store.setRemaining(earnedInTwo, 3));
        WorkspaceContext.run(ONE, () -> store.setRemaining(earnedInTwo, 0));
        WorkspaceContext.run(ONE, () -> store.setRemaining(earnedInOne, 40));

        assertThat(in(TWO, () -> store.spendableLots(memberOfTwo, NOW))).singleElement().extracting(LoyaltyStore.Lot::remaining)
                .isEqualTo(7L);
        assertThat(in(ONE, () -> store.spendableLots(memberOfOne, NOW))).singleElement().extracting(LoyaltyStore.Lot::remaining)
                .isEqualTo(40L);
    }

    @Test
    void tierChangesAndTracesAreReadInTheirOwnWorkspaceOnly() {
        WorkspaceContext.run(ONE, () -> {
            store.recordTierChange(memberOfOne, "basic", "silver", 100, NOW);
            store.trace("c-1", "deal-1", null, memberOfOne, "EARNED", 100, "won-deal", NOW);
        });
        WorkspaceContext.run(TWO, () -> store.trace("c-1", "deal-1", null, memberOfTwo, "NO_RULE", 0, "none", NOW));

        assertThat(workspaces.rowsPerWorkspace("loyalty_tier_change")).containsExactly(entry(ONE, 1L));
        assertThat(workspaces.rowsPerWorkspace("loyalty_trace")).containsExactly(entry(ONE, 1L), entry(TWO, 1L));
        assertThat(in(TWO, () -> store.tierChanges(memberOfOne))).isEmpty();
        assertThat(in(ONE, () -> store.tierChanges(memberOfOne))).singleElement()
                .extracting(LoyaltyStore.TierChange::to).isEqualTo("silver");
        assertThat(in(ONE, () -> store.traces("c-1", "deal-1"))).singleElement()
                .extracting(LoyaltyStore.Trace::profileId).isEqualTo(memberOfOne);
        assertThat(in(TWO, () -> store.traces("c-1", "deal-1"))).singleElement()
                .extracting(LoyaltyStore.Trace::profileId).isEqualTo(memberOfTwo);
    }

    @Test
    void theExpiryAndReviewFindersLookAtEveryWorkspaceAndNameEachRowsOwn() {
        in(ONE, () -> earn(memberOfOne, 100));
        in(TWO, () -> earn(memberOfTwo, 7));
        WorkspaceContext.run(TWO, () -> store.updateAccount(new LoyaltyStore.Account(memberOfTwo, TWO, 7, "basic",
                NOW, NOW), NOW));

        assertThat(store.dueLots(EXPIRY, 10)).containsExactlyInAnyOrder(new LoyaltyStore.Due(ONE, memberOfOne),
                new LoyaltyStore.Due(TWO, memberOfTwo));
        assertThat(store.dueTierReviews(NOW, 10)).containsExactly(new LoyaltyStore.Due(TWO, memberOfTwo));
    }

    @Test
    void aThreadBoundToNoWorkspaceIsRefused() {
        assertThatThrownBy(() -> store.ensureAccount(memberOfOne, "basic", NOW))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.ledgerSum(memberOfOne)).isInstanceOf(IllegalStateException.class);
        assertThat(workspaces.rowsPerWorkspace("loyalty_account")).isEmpty();
    }

    /** An account, an earn entry under the source key both workspaces use, and its lot; returns the entry's id. */
    private long earn(String profileId, long points) {
        store.ensureAccount(profileId, "basic", NOW);
        long entryId = store.append(new LedgerEntry(0, profileId, EntryKind.EARN, points, "deal:1", "won-deal", null,
                null, null, null, null, null, null, null, NOW, EXPIRY, NOW));
        store.openLot(entryId, profileId, points, EXPIRY);
        return entryId;
    }

    private static <T> T in(String workspace, Supplier<T> work) {
        return WorkspaceContext.call(workspace, work);
    }
}
