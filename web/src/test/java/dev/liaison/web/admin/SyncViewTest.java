package dev.liaison.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.sync.SyncEntity;
import dev.liaison.platform.sync.SyncPhase;
import dev.liaison.platform.sync.SyncState;
import dev.liaison.platform.sync.SyncStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncViewTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Clock TEN_SECONDS_IN = Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC);

    private static SyncState state(boolean inRun, Map<SyncEntity, SyncStore.Counts> byEntity, Long remaining) {
        SyncStore.Counts total = byEntity.values().stream().reduce(SyncStore.Counts.NONE, SyncStore.Counts::plus);
        return new SyncState("c-1", "default", inRun ? SyncPhase.RUNNING : SyncPhase.IDLE, "cursor", inRun, true, 1,
                Duration.ofMinutes(15), T0.plus(Duration.ofMinutes(15)), null, null, 2, total.seen(), total.changed(),
                total.skipped(), total.failed(), T0, inRun ? null : T0.plusSeconds(5), null, null, byEntity, remaining,
                null, null, null);
    }

    @Test
    void aRunUnderWayShowsItsCountsPerEntityItsRateAndTheTimeLeft() {
        SyncView view = SyncView.of(state(true, Map.of(
                SyncEntity.CONTACTS, new SyncStore.Counts(900, 898, 1, 1),
                SyncEntity.DELETIONS, new SyncStore.Counts(100, 100, 0, 0)), 2500L), TEN_SECONDS_IN);

        assertThat(view.recordsSeen()).isEqualTo(1000);
        assertThat(view.recordsPerSecond()).isEqualTo(100.0);
        assertThat(view.recordsRemaining()).isEqualTo(2500);
        assertThat(view.estimatedTimeLeft()).isEqualTo("PT25S");
        assertThat(view.entities()).containsExactly(
                Map.entry("contacts", new SyncView.EntityCounts(900, 898, 1, 1)),
                Map.entry("deals", new SyncView.EntityCounts(0, 0, 0, 0)),
                Map.entry("tickets", new SyncView.EntityCounts(0, 0, 0, 0)),
                Map.entry("deletions", new SyncView.EntityCounts(100, 100, 0, 0)));
    }

    @Test
    void withoutTheVendorsCountTheTimeLeftIsLeftOut() {
        SyncView view = SyncView.of(state(true, Map.of(SyncEntity.DEALS, new SyncStore.Counts(250, 250, 0, 0)),
                null), TEN_SECONDS_IN);

        assertThat(view.recordsPerSecond()).isEqualTo(25.0);
        assertThat(view.recordsRemaining()).isNull();
        assertThat(view.estimatedTimeLeft()).isNull();
    }

    @Test
    void aFinishedRunHasNoTimeLeftAndItsRateIsOverItsOwnDuration() {
        SyncView view = SyncView.of(state(false, Map.of(SyncEntity.OTHER, new SyncStore.Counts(50, 50, 0, 0)), 0L),
                TEN_SECONDS_IN);

        assertThat(view.recordsPerSecond()).isEqualTo(10.0);
        assertThat(view.estimatedTimeLeft()).isNull();
        assertThat(view.entities()).as("other, once it counted something").containsKey("other");
    }
}
