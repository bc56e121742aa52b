package dev.liaison.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncEstimatesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void theRateIsRecordsPerSecondToATenth() {
        assertThat(SyncEstimates.rate(2500, T0, T0.plusSeconds(25))).isEqualTo(100.0);
        assertThat(SyncEstimates.rate(1, T0, T0.plusSeconds(3))).isEqualTo(0.3);
        assertThat(SyncEstimates.rate(0, T0, T0.plusSeconds(3))).isZero();
        assertThat(SyncEstimates.rate(5, null, T0)).as("not started").isZero();
    }

    @Test
    void theTimeLeftIsWhatIsLeftOverTheRateAndUnknownWithoutACount() {
        assertThat(SyncEstimates.timeLeft(1000L, 100.0)).contains(Duration.ofSeconds(10));
        assertThat(SyncEstimates.timeLeft(1L, 3.0)).as("rounded up").contains(Duration.ofSeconds(1));
        assertThat(SyncEstimates.timeLeft(0L, 0)).contains(Duration.ZERO);
        assertThat(SyncEstimates.timeLeft(null, 100.0)).as("amoCRM reports no count").isEmpty();
        assertThat(SyncEstimates.timeLeft(50L, 0)).as("no rate measured yet").isEmpty();
    }

    @Test
    void theLogLineNamesEachEntityWithItsFourCounts() {
        Map<SyncEntity, SyncStore.Counts> byEntity = new EnumMap<>(SyncEntity.class);
        byEntity.put(SyncEntity.DELETIONS, new SyncStore.Counts(3, 3, 0, 0));
        byEntity.put(SyncEntity.CONTACTS, new SyncStore.Counts(2500, 2498, 1, 1));

        assertThat(SyncEstimates.describe(byEntity)).isEqualTo("contacts 2500/2498/1/1, deletions 3/3/0/0");
        assertThat(SyncEstimates.describe(Map.of())).isEqualTo("no records");
    }
}
