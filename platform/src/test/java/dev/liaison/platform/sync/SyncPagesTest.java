package dev.liaison.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.platform.processing.InboundHandover;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyncPagesTest {

    private static SyncPages.Run run(long number) {
        return new SyncPages.Run(new SyncState("c-1", "default", SyncPhase.RUNNING, null, true, true, number,
                Duration.ofMinutes(15), null, "node:1", null, 0, 0, 0, 0, 0, null, null, null, null, Map.of(), null, null, null,
                null), "node:1");
    }

    private static ExternalRef ref(String id) {
        return new ExternalRef("bitrix24", "c-1", id);
    }

    @Test
    void aPageIsHandedOnInTransactionsOfFiftyEventsAtMostAndAnEmptyPageInOne() {
        assertThat(SyncPages.parts(page(0))).isEqualTo(1);
        assertThat(SyncPages.parts(page(50))).isEqualTo(1);
        assertThat(SyncPages.parts(page(51))).isEqualTo(2);
        assertThat(SyncPages.parts(page(2500))).as("a Bitrix24 batch of 50 list pages").isEqualTo(50);
    }

    private static RecordSource.Page page(int events) {
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        List<CanonicalEvent> deletions = IntStream.range(0, events)
                .mapToObj(n -> (CanonicalEvent) new ContactDeleted(ref("C_" + n), at)).toList();
        return new RecordSource.Page(deletions, "next", true);
    }

    @Test
    void partsAddUpPerEntityAndTheLastOneSaysWhatIsLeft() {
        SyncStore.PageCounts first = new SyncStore.PageCounts(Map.of(SyncEntity.CONTACTS,
                new SyncStore.Counts(50, 49, 1, 0)), 100L);
        SyncStore.PageCounts second = new SyncStore.PageCounts(Map.of(SyncEntity.CONTACTS,
                new SyncStore.Counts(10, 10, 0, 0), SyncEntity.DELETIONS, new SyncStore.Counts(2, 2, 0, 0)), 40L);

        SyncStore.PageCounts both = first.plus(second);

        assertThat(both.byEntity().get(SyncEntity.CONTACTS)).isEqualTo(new SyncStore.Counts(60, 59, 1, 0));
        assertThat(both.byEntity().get(SyncEntity.DELETIONS)).isEqualTo(new SyncStore.Counts(2, 2, 0, 0));
        assertThat(both.remaining()).isEqualTo(40L);
    }

    @Test
    void eachRecordIsCountedUnderTheEntityItsEventTypeNamesWithWhatBecameOfIt() {
        Contact person = new Contact("Ann", null, List.of("p@example.com"), null, null, null, Map.of());
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        List<CanonicalEvent> events = List.of(
                new ContactUpserted(ref("C_1"), at, person),
                new ContactUpserted(ref("C_2"), at, person),
                new ContactDeleted(ref("C_3"), at),
                new ContactUpserted(ref("C_4"), at, person));
        InboundHandover.Outcome outcome = new InboundHandover.Outcome(List.of(), List.of(1), List.of(3));

        SyncStore.PageCounts counts = SyncPages.counts(events, outcome, 12L);

        assertThat(counts.byEntity()).containsExactly(
                Map.entry(SyncEntity.CONTACTS, new SyncStore.Counts(3, 1, 1, 1)),
                Map.entry(SyncEntity.DELETIONS, new SyncStore.Counts(1, 1, 0, 0)));
        assertThat(counts.total()).isEqualTo(new SyncStore.Counts(4, 2, 1, 1));
        assertThat(counts.remaining()).isEqualTo(12);
    }

    @Test
    void twoRunsFromTheSameCursorNeverShareAPageKey() {
        assertThat(SyncPages.dedupKey(run(1), null)).isNotEqualTo(SyncPages.dedupKey(run(2), null));
        assertThat(SyncPages.dedupKey(run(1), "c")).isNotEqualTo(SyncPages.dedupKey(run(1), "d"));
        assertThat(SyncPages.dedupKey(run(1), "c")).isEqualTo(SyncPages.dedupKey(run(1), "c"));
    }

    @Test
    void theKeyHoldsNoneOfTheCursorAndFitsTheInboxColumn() {
        String cursor = "{\"v\":1,\"entity\":\"contact\",\"contact\":5120}" + "x".repeat(3000);

        String key = SyncPages.dedupKey(run(Long.MAX_VALUE), cursor);

        assertThat(key).startsWith("sync:c-1:" + Long.MAX_VALUE + ":").doesNotContain("contact");
        assertThat(key.length()).isLessThanOrEqualTo(255);
    }
}
