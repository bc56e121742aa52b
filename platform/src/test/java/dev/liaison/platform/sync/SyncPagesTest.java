package dev.liaison.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncPagesTest {

    private static SyncPages.Run run(long number) {
        return new SyncPages.Run(new SyncState("c-1", "default", SyncPhase.RUNNING, null, true, true, number,
                Duration.ofMinutes(15), null, "node:1", null, 0, 0, 0, 0, 0, null, null, null, null), "node:1");
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
