package dev.liaison.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final SignInThrottle throttle = new SignInThrottle(new SignInThrottle.Policy(3, 10, Duration.ofSeconds(1),
            Duration.ofMinutes(15), Duration.ofHours(1), 1000));

    @Test
    void freeFailuresCostNothingThenEachFurtherOneDoublesTheWait() {
        fail("198.51.100.7", "admin", 3);
        assertThat(throttle.waitBefore("198.51.100.7", "admin", NOW)).isEmpty();

        fail("198.51.100.7", "admin", 1);
        assertThat(throttle.waitBefore("198.51.100.7", "admin", NOW)).contains(Duration.ofSeconds(1));
        fail("198.51.100.7", "admin", 2);
        assertThat(throttle.waitBefore("198.51.100.7", "admin", NOW)).contains(Duration.ofSeconds(4));
        assertThat(throttle.waitBefore("198.51.100.7", "admin", NOW.plusSeconds(4))).isEmpty();
    }

    @Test
    void anAnonymousGuesserNeverLocksOutTheAccountFromAnotherAddress() {
        fail("203.0.113.66", "admin", 50);

        assertThat(throttle.waitBefore("203.0.113.66", "admin", NOW)).isPresent();
        assertThat(throttle.waitBefore("203.0.113.66", "lk_other", NOW)).isPresent();
        assertThat(throttle.waitBefore("192.0.2.10", "admin", NOW)).isEmpty();
    }

    @Test
    void anAddressTryingManyAccountsWaitsForAllOfThem() {
        for (int i = 0; i < 11; i++) {
            fail("203.0.113.66", "user" + i, 1);
        }

        assertThat(throttle.waitBefore("203.0.113.66", "someone-new", NOW)).contains(Duration.ofSeconds(1));
    }

    @Test
    void anAccountThatSignedInFromASharedAddressIsNotHeldByAGuesserThere() {
        throttle.succeeded("192.0.2.1", "admin", NOW);
        for (int i = 0; i < 30; i++) {
            throttle.failed("192.0.2.1", "user" + i, NOW);
        }

        assertThat(throttle.waitBefore("192.0.2.1", "someone-new", NOW)).isPresent();
        assertThat(throttle.waitBefore("192.0.2.1", "admin", NOW)).isEmpty();
    }

    @Test
    void theWaitNeverExceedsItsCeiling() {
        fail("203.0.113.66", "admin", 200);

        assertThat(throttle.waitBefore("203.0.113.66", "admin", NOW)).contains(Duration.ofMinutes(15));
    }

    @Test
    void aSuccessForgivesTheAccountsFailuresFromThatAddress() {
        fail("198.51.100.7", "admin", 5);
        throttle.succeeded("198.51.100.7", "admin", NOW);

        assertThat(throttle.waitBefore("198.51.100.7", "admin", NOW)).isEmpty();
    }

    @Test
    void anOperatorReleasesAnAddressOrAnAccount() {
        fail("203.0.113.66", "admin", 20);
        fail("203.0.113.67", "lk_key", 20);

        assertThat(throttle.blocked(NOW)).extracting(SignInThrottle.Block::address)
                .contains("203.0.113.66", "203.0.113.67");
        assertThat(throttle.release("203.0.113.66", null)).isTrue();
        assertThat(throttle.release(null, "lk_key")).isTrue();
        assertThat(throttle.release(null, "lk_key")).isFalse();

        assertThat(throttle.waitBefore("203.0.113.66", "admin", NOW)).isEmpty();
        assertThat(throttle.waitBefore("203.0.113.67", "lk_key", NOW)).isPresent();
        assertThat(throttle.waitBefore("203.0.113.67", "lk_key2", NOW)).isPresent();
    }

    @Test
    void failuresAreForgottenAfterAQuietHour() {
        fail("203.0.113.66", "admin", 5);

        throttle.failed("203.0.113.66", "admin", NOW.plus(Duration.ofHours(2)));

        assertThat(throttle.waitBefore("203.0.113.66", "admin", NOW.plus(Duration.ofHours(2)))).isEmpty();
    }

    private void fail(String address, String account, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address, account, NOW);
        }
    }
}
