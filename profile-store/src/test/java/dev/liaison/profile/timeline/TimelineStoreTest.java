package dev.liaison.profile.timeline;

import static dev.liaison.platform.testing.TwoWorkspaces.ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.liaison.platform.testing.TwoWorkspaces;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The timeline's rules: newest state wins by source time, pages newest first, deals claimed by a later profile. */
class TimelineStoreTest {

    private static final Instant T1 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private final TwoWorkspaces workspaces = new TwoWorkspaces();
    private final TimelineStore store = new TimelineStore(workspaces.database());
    private final String connection = workspaces.connection(ONE);
    private final String anna = workspaces.profile(ONE);

    @Test
    void aLateOlderEventLeavesTheNewerStateAndARedeliveryChangesNothing() {
        run(() -> store.upsertDeals(List.of(deal("D1", anna, "WON", DealStatus.WON, "150.50", T2)), NOW));
        run(() -> store.upsertDeals(List.of(deal("D1", anna, "NEW", DealStatus.OPEN, "99", T1)), NOW));
        run(() -> store.upsertDeals(List.of(deal("D1", anna, "WON", DealStatus.WON, "150.50", T2)), NOW));

        assertThat(call(() -> store.deals(List.of(anna), null, 20).items())).singleElement().satisfies(deal -> {
            assertThat(deal.stage()).isEqualTo("WON");
            assertThat(deal.status()).isEqualTo(DealStatus.WON);
            assertThat(deal.amount()).isEqualByComparingTo("150.50");
            assertThat(deal.updatedAt()).isEqualTo(T2);
        });
    }

    @Test
    void aNewerEventKeepsTheTitleAndOwnerItDoesNotGiveAndTheEarliestCreationTime() {
        DealState first = new DealState(connection, "D1", anna, null, "Kitchen", "p", "NEW", DealStatus.OPEN,
                new BigDecimal("10"), "RUB", "7", T2, T2);
        DealState later = new DealState(connection, "D1", anna, null, null, "p", "LOSE", DealStatus.LOST, null, null,
                null, T1, T3);
        run(() -> store.upsertDeals(List.of(first), NOW));
        run(() -> store.upsertDeals(List.of(later), NOW));

        Deal stored = call(() -> store.deals(List.of(anna), null, 20).items().get(0));
        assertThat(stored.title()).isEqualTo("Kitchen");
        assertThat(stored.ownerId()).isEqualTo("7");
        assertThat(stored.status()).isEqualTo(DealStatus.LOST);
        assertThat(stored.amount()).isNull();
        assertThat(stored.createdAt()).isEqualTo(T1);
        assertThat(stored.updatedAt()).isEqualTo(T3);
    }

    @Test
    void severalDealsOfOneDeliveryGoInOneCallNewAndKnownAlike() {
        run(() -> store.upsertDeals(List.of(deal("D1", anna, "NEW", DealStatus.OPEN, "1", T1)), NOW));
        run(() -> store.upsertDeals(List.of(deal("D1", anna, "WON", DealStatus.WON, "1", T3),
                deal("D2", anna, "NEW", DealStatus.OPEN, "2", T2), deal("D3", anna, "NEW", DealStatus.OPEN, "3", T1)),
                NOW));

        assertThat(call(() -> store.deals(List.of(anna), null, 20).items()))
                .extracting(Deal::dealId, Deal::stage)
                .containsExactly(tuple("D1", "WON"), tuple("D2", "NEW"), tuple("D3", "NEW"));
    }

    @Test
    void pagesGoNewestFirstAndTheCursorContinuesWhereThePageEnded() {
        run(() -> store.upsertDeals(List.of(deal("D1", anna, "NEW", DealStatus.OPEN, null, T1),
                deal("D2", anna, "NEW", DealStatus.OPEN, null, T2), deal("D3", anna, "NEW", DealStatus.OPEN, null, T2),
                deal("D4", anna, "NEW", DealStatus.OPEN, null, T3)), NOW));

        TimelinePage<Deal> first = call(() -> store.deals(List.of(anna), null, 2));
        assertThat(first.items()).extracting(Deal::dealId).containsExactly("D4", "D3");
        assertThat(first.next()).isNotNull();
        TimelinePage<Deal> second = call(() -> store.deals(List.of(anna), TimelineCursor.parse(first.next()), 2));
        assertThat(second.items()).extracting(Deal::dealId).containsExactly("D2", "D1");
        assertThat(second.next()).isNull();
    }

    @Test
    void aDealWhoseContactNoProfileHoldsIsClaimedByTheProfileThatLaterDoes() {
        run(() -> store.upsertDeals(List.of(new DealState(connection, "D1", null, "webhook|" + connection + "|42", null,
                null, "NEW", DealStatus.OPEN, null, null, null, T1, T1)), NOW));
        assertThat(call(() -> store.deals(List.of(anna), null, 20).items())).isEmpty();

        assertThat(call(() -> store.claimDeals("webhook|" + connection + "|42", anna))).isEqualTo(1);

        assertThat(call(() -> store.deals(List.of(anna), null, 20).items())).extracting(Deal::dealId)
                .containsExactly("D1");
    }

    @Test
    void aTicketUpdateChangesTheFieldsItNamesUnlessTheStoredStateIsNewer() {
        run(() -> store.upsertTickets(List.of(new TicketState(connection, "T1", anna, "Refund", "new", "normal",
                null, null, T1, T1)), NOW));

        assertThat(call(() -> store.updateTicket(connection, "T1", Map.of("status", "open", "group_id", "360",
                "assignee_id", "9"), T3, NOW))).isTrue();
        assertThat(call(() -> store.updateTicket(connection, "T1", Map.of("status", "solved"), T2, NOW))).isFalse();
        assertThat(call(() -> store.updateTicket(connection, "T1", Map.of("assignee", ""), T3, NOW))).isTrue();
        assertThat(call(() -> store.updateTicket(connection, "T404", Map.of("status", "open"), T3, NOW))).isFalse();

        assertThat(call(() -> store.tickets(List.of(anna), null, 20).items())).singleElement().satisfies(ticket -> {
            assertThat(ticket.subject()).isEqualTo("Refund");
            assertThat(ticket.status()).isEqualTo("open");
            assertThat(ticket.priority()).isEqualTo("normal");
            assertThat(ticket.group()).isEqualTo("360");
            assertThat(ticket.assignee()).isNull();
            assertThat(ticket.createdAt()).isEqualTo(T1);
            assertThat(ticket.updatedAt()).isEqualTo(T3);
        });
    }

    @Test
    void aTicketCreatedOlderThanItsStoredUpdateDoesNotTurnItBack() {
        run(() -> store.upsertTickets(List.of(new TicketState(connection, "T1", anna, "Refund", "open", null, null,
                null, T2, T2)), NOW));
        run(() -> store.upsertTickets(List.of(new TicketState(connection, "T1", anna, "Refund", "new", null, null,
                null, T1, T1)), NOW));

        assertThat(call(() -> store.tickets(List.of(anna), null, 20).items())).singleElement()
                .satisfies(ticket -> assertThat(ticket.status()).isEqualTo("open"));
    }

    @Test
    void longSubjectsAndTitlesAreCutWithoutSplittingACharacter() {
        String subject = "a".repeat(254) + "😀" + "tail";
        assertThat(TimelineStore.cut(subject)).hasSize(254);
        assertThat(TimelineStore.cut("b".repeat(300))).hasSize(255);
        run(() -> store.upsertTickets(List.of(new TicketState(connection, "T1", anna, subject, null, null, null, null,
                T1, T1)), NOW));
        assertThat(call(() -> store.tickets(List.of(anna), null, 1).items().get(0).subject())).hasSize(254);
    }

    @Test
    void aCursorThatThisStoreDidNotWriteIsRefused() {
        assertThatThrownBy(() -> TimelineCursor.parse("not-a-cursor")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimelineCursor.parse("%%%")).isInstanceOf(IllegalArgumentException.class);
        TimelineCursor cursor = new TimelineCursor(T2, 42);
        assertThat(TimelineCursor.parse(cursor.encode())).isEqualTo(cursor);
    }

    private DealState deal(String id, String profileId, String stage, DealStatus status, String amount, Instant at) {
        return new DealState(connection, id, profileId, null, null, null, stage, status,
                amount == null ? null : new BigDecimal(amount), amount == null ? null : "RUB", null, at, at);
    }

    private static void run(Runnable work) {
        WorkspaceContext.run(ONE, work);
    }

    private static <T> T call(Supplier<T> work) {
        return WorkspaceContext.call(ONE, work);
    }
}
