package dev.liaison.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void aPublishedLimitIsPacedAFewPerCentUnder() {
        RateLimit amo = RateLimit.underPublished(7, 1);

        assertThat(amo.perSecond()).isCloseTo(6.65, within(1e-9));
        assertThat(amo.burst()).isEqualTo(1);
        assertThat(RateLimit.underPublished(2, 50).perSecond()).isLessThan(2).isGreaterThan(1.8);
    }
}
