package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeakyBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void fiftyRequestsAtOnceAreAdmittedAndTheFiftyFirstIsRefusedUntilHalfASecondHasDrained() {
        LeakyBucket bucket = new LeakyBucket(2, 50);
        for (int i = 0; i < 50; i++) {
            assertThat(bucket.admit(0).admitted()).as("request %d", i).isTrue();
        }

        ArrivalLimit.Verdict refused = bucket.admit(0);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.admit(SECOND / 2 - 1_000).admitted()).isFalse();
        assertThat(bucket.admit(SECOND / 2).admitted()).isTrue();
    }

    @Test
    void aClientKeepingToTheDrainRateIsNeverRefused() {
        LeakyBucket bucket = new LeakyBucket(2, 50);
        for (int i = 0; i < 50; i++) {
            bucket.admit(0);
        }

        for (int i = 1; i <= 200; i++) {
            assertThat(bucket.admit(i * SECOND / 2).admitted()).as("request %d", i).isTrue();
        }
    }

    @Test
    void refusedRequestsDoNotRaiseTheCounter() {
        LeakyBucket bucket = new LeakyBucket(2, 1);
        bucket.admit(0);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.admit(SECOND / 4).admitted()).isFalse();
        }

        assertThat(bucket.admit(SECOND / 2).admitted()).isTrue();
    }

    @Test
    void itAdmitsItsCapacityAtOnce() {
        LeakyBucket bucket = new LeakyBucket(2, 50);

        assertThat(bucket.burst()).isEqualTo(50);
    }
}
